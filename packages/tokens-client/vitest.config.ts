import { defineConfig } from "vitest/config";

// One project per kind of test, so each can bring its own setup: "unit" runs the fast tests with an injected
// fetch plus the type tests; "stateful", "contract" and "contract-stateful" run against real mock servers.
// The server-backed projects start Prism (per test for the stateful ones): several times slower on a loaded
// machine than idle. These limits only catch a hang; no assertion depends on speed.
const serverLimits = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          typecheck: {
            enabled: true,
            include: ["test/types/**/*.test-d.ts"],
            tsconfig: "./tsconfig.json",
          },
        },
      },
      {
        // The real client against the stateful mock (@neuroio/tokens-mock, started in-process per test).
        test: { name: "stateful", include: ["test/stateful/**/*.test.ts"], ...serverLimits },
      },
      {
        // Every client method against the static mock (Prism, errors mode), started once by the global setup.
        test: {
          name: "contract",
          include: ["test/contract/**/*.test.ts"],
          globalSetup: ["test/contract/global-setup.ts"],
          ...serverLimits,
        },
      },
      {
        // The same contract tests against the stateful mock (a fresh server per test, see the setup file).
        // Error answers picked with `Prefer: code=...` are a feature of the static mock only; the stateful
        // errors (400, 401, 404) are covered by test/stateful.
        test: {
          name: "contract-stateful",
          include: ["test/contract/**/*.test.ts"],
          exclude: ["test/contract/errors.test.ts"],
          setupFiles: ["test/contract/stateful-setup.ts"],
          provide: { mockMode: "stateful" },
          ...serverLimits,
        },
      },
    ],
  },
});
