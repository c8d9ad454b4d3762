import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.mjs"],
    // The check-package tests pack a fixture and run publint and attw: seconds on an idle machine, several times
    // that on a shared, loaded one. The limit only catches a hang; no assertion depends on speed.
    testTimeout: 120_000,
  },
});
