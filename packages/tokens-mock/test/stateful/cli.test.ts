import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CliRun, cliRunner, expectOneLineFailure, waitForUrl } from "../support/cli.js";
import { tempDir } from "./helpers.js";

const cli = cliRunner();

/** The key of the printed `curl` line. */
function printedKey(run: CliRun): string | undefined {
  return /Authorization: Token (\S+)"/.exec(run.stdout())?.[1];
}

async function list(url: string, key: string | undefined): Promise<Array<{ id: number }>> {
  const response = await fetch(`${url}/v1/tokens/`, { headers: { authorization: `Token ${key}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Array<{ id: number }>;
}

// Each case starts a Node process; under load that takes seconds, so the default 5 s is too tight.
describe("neuroio-tokens-mock --stateful", { timeout: 90_000 }, () => {
  it("seeds tokens, prints a working key, saves to --state and keeps the tokens across a restart", async () => {
    const statePath = join(tempDir(), "tokens.json");
    const first = cli(["--port", "0", "--stateful", "--seed-tokens", "3", "--state", statePath]);
    const url = await waitForUrl(first);
    expect(first.stdout()).toContain(
      `stateful: an in-memory API checked against the spec, state in ${statePath}`,
    );
    const key = printedKey(first);
    expect(key).toMatch(/^[0-9a-f]{40}$/);
    expect((await list(url, key)).map((token) => token.id)).toEqual([3, 2, 1]);
    const created = await fetch(`${url}/v1/tokens/`, {
      method: "POST",
      headers: { authorization: `Token ${key}` },
    });
    expect(created.status).toBe(201);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(JSON.parse(readFileSync(statePath, "utf8")).tokens).toHaveLength(4);

    const second = cli(["--port", "0", "--stateful", "--seed-tokens", "3", "--state", statePath]);
    const secondUrl = await waitForUrl(second);
    expect(printedKey(second)).toBe(key);
    expect((await list(secondUrl, key)).map((token) => token.id)).toEqual([4, 3, 2, 1]);
  });

  it("accepts a fixed --token key", async () => {
    const run = cli(["--port", "0", "--stateful", "--token", "frontend-dev-key", "--quiet"]);
    const url = await waitForUrl(run);
    expect(printedKey(run)).toBe("frontend-dev-key");
    expect(await list(url, "frontend-dev-key")).toEqual([expect.objectContaining({ id: 1, expires: null })]);
  });

  it("exits 1 with one line naming a corrupt --state file, and leaves the file untouched", async () => {
    const statePath = join(tempDir(), "tokens.json");
    writeFileSync(statePath, "[1, 2");
    await expectOneLineFailure(
      cli(["--port", "0", "--stateful", "--state", statePath]),
      new RegExp(`^neuroio-tokens-mock: Cannot use the state file ${statePath}: it is not valid JSON`),
    );
    expect(readFileSync(statePath, "utf8")).toBe("[1, 2");
  });

  it.each([
    { args: ["--seed-tokens", "2"], line: /Invalid option seedTokens \(--seed-tokens\): it needs stateful/ },
    { args: ["--stateful", "--seed-tokens", "many"], line: /Invalid --seed-tokens "many"/ },
    { args: ["--stateful", "--dynamic"], line: /Invalid option dynamic: stateful mode/ },
    { args: ["--stateful", "--token", "123"], line: /Invalid option token: .*not all digits/ },
  ])("exits 1 with one line on stderr for $args", async ({ args, line }) => {
    await expectOneLineFailure(cli(["--port", "0", ...args]), line);
  });

  it("--help lists the stateful flags", async () => {
    const run = cli(["--help"]);
    expect(await run.exited).toBe(0);
    for (const flag of ["--stateful", "--seed-tokens N", "--token KEY", "--state FILE"]) {
      expect(run.stdout()).toContain(flag);
    }
  });
});
