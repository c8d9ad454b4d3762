import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds the page once, serves it with `vite preview` and starts the mock, all on free ports.
    globalSetup: ["test/e2e/global-setup.ts"],
    // One Chromium at a time: the machines have 2 cores.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
