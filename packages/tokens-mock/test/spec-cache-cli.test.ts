/**
 * The CLI with the spec cache (its private directory under a test's own TMPDIR): a second start serves what
 * the first did, from the entry the first wrote; new bytes (`--spec FILE` edited, a live reload) are never
 * served from an old entry; a broken spec or one with external references is never stored.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { defaultSpecPath } from "../src/prism/spec.js";
import { tempDir } from "./stateful/helpers.js";
import { cliRunner, waitForUrl } from "./support/cli.js";

const SPEC = readFileSync(defaultSpecPath(), "utf8");
/** A key of the spec's list example: the list answer shows which version of the spec is served. */
const LISTED_KEY = "3c59dc048e8850243be8079a5c74d079f1c7d8a0";
const EVENTUALLY = { timeout: 15_000, interval: 25 };
const cli = cliRunner();

/** A TMPDIR of the test's own (the cache directory is made in it) and a copy of the spec. */
function setup(): { env: Record<string, string>; file: string; entries: () => string[] } {
  expect(SPEC).toContain(LISTED_KEY);
  const tmp = tempDir();
  const file = join(tempDir(), "tokens.openapi.yaml");
  writeFileSync(file, SPEC);
  const env = { TMPDIR: tmp, NODE_DISABLE_COMPILE_CACHE: "" };
  const entries = () =>
    readdirSync(tmp).flatMap((dir) => readdirSync(join(tmp, dir)).filter((name) => name.endsWith(".spec")));
  return { env, file, entries };
}

const get = (url: string, path: string, init: RequestInit = {}) =>
  fetch(`${url}${path}`, { ...init, headers: { authorization: "Token cache-test-key", ...init.headers } });

/** Starts the CLI, answers a list, a bad create and an unknown path, stops it; what it answered. */
async function answers(args: string[], env: Record<string, string>): Promise<string[]> {
  const run = cli(["--port", "0", "--no-watch", ...args], { env });
  const url = await waitForUrl(run);
  const list = await get(url, "/v1/tokens/");
  const bad = await get(url, "/v1/tokens/", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: 42, extra: [] }),
  });
  const unknown = await get(url, "/v1/tokenz/");
  const texts = [
    `${list.status} ${await list.text()}`,
    `${bad.status} ${await bad.text()}`,
    `${unknown.status} ${await unknown.text()}`,
  ];
  run.child.kill("SIGTERM");
  expect(await run.exited).toBe(0);
  return texts;
}

describe("the CLI's spec cache", { timeout: 90_000 }, () => {
  it("stores the spec at the first start, serves the same answers from it, and never serves old bytes", async () => {
    const { env, file, entries } = setup();
    const first = await answers(["--spec", file], env);
    expect(first[0]).toContain(LISTED_KEY);
    expect(entries()).toHaveLength(1);
    expect(await answers(["--spec", file], env)).toEqual(first);
    expect(entries()).toHaveLength(1); // a hit writes nothing

    const key = randomBytes(20).toString("hex");
    writeFileSync(file, SPEC.replaceAll(LISTED_KEY, key));
    const edited = await answers(["--spec", file], env);
    expect(edited[0]).toContain(key);
    expect(edited[0]).not.toContain(LISTED_KEY);
    expect(entries()).toHaveLength(2);
  });

  it("stores no broken spec and no spec with a $ref to another file", async () => {
    const { env, file, entries } = setup();
    writeFileSync(file, SPEC.replace("openapi: 3.1.0", "openapi: [3.1.0"));
    const broken = cli(["--port", "0", "--spec", file], { env });
    expect(await broken.exited).toBe(1);
    expect(entries()).toHaveLength(0);

    writeFileSync(join(file, "..", "description.yaml"), "text: from another file\n");
    writeFileSync(
      file,
      SPEC.replace(/^info:\n/m, 'info:\n  x-description: { $ref: "./description.yaml#/text" }\n'),
    );
    expect((await answers(["--spec", file], env))[0]).toContain(LISTED_KEY);
    expect(entries()).toHaveLength(0);
  });

  it("reloads an edit and its undoing, the undone version from its entry", async () => {
    const { env, file, entries } = setup();
    await answers(["--spec", file], env); // stores the first version
    const run = cli(["--port", "0", "--spec", file], { env });
    const url = await waitForUrl(run);
    const list = async () => (await get(url, "/v1/tokens/")).text();
    expect(await list()).toContain(LISTED_KEY);
    const key = randomBytes(20).toString("hex");
    writeFileSync(file, SPEC.replaceAll(LISTED_KEY, key));
    await vi.waitFor(async () => expect(await list()).toContain(key), EVENTUALLY);
    writeFileSync(file, SPEC);
    await vi.waitFor(async () => expect(await list()).toContain(LISTED_KEY), EVENTUALLY);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(entries()).toHaveLength(2);
    expect(`${run.stdout()}${run.stderr()}`.match(/spec reloaded in \d+ ms/g)).toHaveLength(2);
  });
});
