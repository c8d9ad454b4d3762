import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests start Prism processes; on a shared, loaded 2-core machine that takes several times longer than idle.
    // The limits only catch a hang: no assertion depends on speed.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
