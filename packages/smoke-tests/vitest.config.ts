import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each file spawns runtimes, npm and tsc: a generous per-test timeout, files run in parallel.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
