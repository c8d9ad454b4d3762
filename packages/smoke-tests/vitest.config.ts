import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each file spawns runtimes, npm and tsc. The limits only catch a hang: a strict tsc run that takes 20 s on a
    // busy 2-core machine took over 120 s under a load average of 25 (other engineers' builds), and failed.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
