/**
 * Setup file of the "contract-stateful" project: the same contract tests, run against the stateful mock
 * (`startMockServer({ stateful: true })`: an in-memory API behind Prism, which checks every request and
 * response against the spec). Each test gets a fresh server, loaded from a state file that holds the tokens
 * the tests address (id 1 is the test key, id 2 has the spec's example key), so the tests run unchanged; what
 * they do to the state (delete-many, rotation) cannot leak into the next test.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type MockServer, startMockServer } from "@neuroio/tokens-mock";
import { afterEach, beforeEach } from "vitest";
import { setContractMockUrl } from "./support/mock-url.js";
import { CONTRACT_KEY } from "./support/recording-fetch.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The format tag of the mock's state files (see the mock's README), which it refuses a file without. */
const STATE_FORMAT = "neuroio-tokens-mock/state@1";
/** The key of the spec's `TemporaryToken` example, which the tests look a token up by. */
const EXAMPLE_KEY = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b";

let mock: MockServer | undefined;
let dir: string | undefined;

/** A temporary token created now, as the state file stores it. */
function temporary(id: number, key: string, now: number) {
  return {
    id,
    key,
    is_active: true,
    created: new Date(now).toISOString(),
    expires: new Date(now + DAY_MS).toISOString(),
  };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "neuroio-contract-"));
  const statePath = join(dir, "state.json");
  const now = Date.now();
  const state = {
    format: STATE_FORMAT,
    nextId: 3,
    // The test key is permanent, so deleting the temporary tokens leaves the caller able to go on.
    tokens: [{ ...temporary(1, CONTRACT_KEY, now), expires: null }, temporary(2, EXAMPLE_KEY, now)],
  };
  writeFileSync(statePath, JSON.stringify(state));
  mock = await startMockServer({ port: 0, quiet: true, stateful: true, statePath, seedTokens: 0 });
  setContractMockUrl(mock.url);
});

afterEach(async () => {
  setContractMockUrl(undefined);
  await mock?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});
