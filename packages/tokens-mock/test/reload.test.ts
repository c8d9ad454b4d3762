/**
 * Live reload of the spec: startMockServer({ watch: true }) and the CLI (watching by default, `--no-watch`).
 * Every wait polls a condition with a generous deadline; nothing asserts a timing.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { startMockServer } from "../src/index.js";
import { defaultSpecPath } from "../src/prism/spec.js";
import { closeAfterTest, tempDir } from "./stateful/helpers.js";
import { cliRunner, waitForUrl } from "./support/cli.js";
import { call } from "./support/mock.js";

const SPEC = readFileSync(defaultSpecPath(), "utf8");
/** A key of the spec's list example; edits replace it, and the list answer shows which spec is served. */
const LISTED_KEY = "3c59dc048e8850243be8079a5c74d079f1c7d8a0";
const EVENTUALLY = { timeout: 15_000, interval: 25 };

vi.setConfig({ testTimeout: 40_000 });

/** A copy of the spec in a fresh directory, and the text of a version with another listed key. */
function specCopy(): { file: string; edited: (key: string) => string } {
  expect(SPEC).toContain(LISTED_KEY);
  const file = join(tempDir(), "tokens.openapi.yaml");
  writeFileSync(file, SPEC);
  return { file, edited: (key) => SPEC.replaceAll(LISTED_KEY, key) };
}

const newKey = () => randomBytes(20).toString("hex");

async function listText(url: string): Promise<string> {
  const response = await fetch(`${url}/v1/tokens/`, { headers: { authorization: "Token reload-test-key" } });
  return response.text();
}

async function watchingMock(file: string, options: { stateful?: boolean } = {}) {
  const lines: string[] = [];
  const mock = closeAfterTest(
    await startMockServer({ port: 0, specPath: file, watch: true, ...options }, (line) => lines.push(line)),
  );
  return { mock, lines };
}

describe("startMockServer({ watch: true })", () => {
  it("serves an edited example, logs one reload line, keeps the last good spec on a broken edit, reloads the fix", async () => {
    const { file, edited } = specCopy();
    const { mock, lines } = await watchingMock(file);
    expect(await listText(mock.url)).toContain(LISTED_KEY);

    const first = newKey();
    writeFileSync(file, edited(first));
    await vi.waitFor(async () => expect(await listText(mock.url)).toContain(first), EVENTUALLY);
    expect(lines.filter((line) => /^\[mock\] info: spec reloaded in \d+ ms$/.test(line))).toHaveLength(1);

    const broken = edited(newKey()).replace("openapi: 3.1.0", "openapi: [3.1.0");
    expect(broken).not.toBe(edited(first));
    writeFileSync(file, broken);
    await vi.waitFor(
      () => expect(lines.some((line) => line.includes("spec not reloaded"))).toBe(true),
      EVENTUALLY,
    );
    const problem = lines.filter((line) => line.includes("spec not reloaded"));
    expect(problem).toHaveLength(1);
    expect(problem[0]).toMatch(
      new RegExp(
        `^\\[mock\\] error: spec not reloaded, still serving the last good one: ${file.replaceAll(".", "\\.")}:\\d+: `,
      ),
    );
    expect(await listText(mock.url)).toContain(first);

    const fixed = newKey();
    writeFileSync(file, edited(fixed));
    await vi.waitFor(async () => expect(await listText(mock.url)).toContain(fixed), EVENTUALLY);
    expect(lines.filter((line) => line.includes("spec reloaded in"))).toHaveLength(2);
  });

  it("follows an editor's rename-save (write a temporary file, rename it over the spec)", async () => {
    const { file, edited } = specCopy();
    const { mock } = await watchingMock(file);
    for (const key of [newKey(), newKey()]) {
      writeFileSync(`${file}.tmp`, edited(key));
      renameSync(`${file}.tmp`, file);
      await vi.waitFor(async () => expect(await listText(mock.url)).toContain(key), EVENTUALLY);
    }
    const inPlace = newKey(); // and a plain write after the renames: the watch follows the new file
    writeFileSync(file, edited(inPlace));
    await vi.waitFor(async () => expect(await listText(mock.url)).toContain(inPlace), EVENTUALLY);
  });

  it("waits out a delete-and-create and a burst of writes, serving the final text; nothing after close", async () => {
    const { file, edited } = specCopy();
    const { mock, lines } = await watchingMock(file);
    rmSync(file);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const recreated = newKey();
    writeFileSync(file, edited(recreated));
    await vi.waitFor(async () => expect(await listText(mock.url)).toContain(recreated), EVENTUALLY);
    expect(lines.filter((line) => line.includes("spec not reloaded"))).toEqual([]);

    const reloads = () => lines.filter((line) => line.includes("spec reloaded in")).length;
    const before = reloads();
    const keys = Array.from({ length: 20 }, newKey);
    for (const key of keys) writeFileSync(file, edited(key));
    await vi.waitFor(async () => expect(await listText(mock.url)).toContain(keys.at(-1)), EVENTUALLY);
    // Debounced: twenty writes in a row are a few reloads, not twenty.
    expect(reloads() - before).toBeLessThan(5);

    await mock.close();
    const after = reloads();
    writeFileSync(file, edited(newKey()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reloads()).toBe(after);
  });

  it("stateful: the tokens survive a reload", async () => {
    const { file, edited } = specCopy();
    const { mock, lines } = await watchingMock(file, { stateful: true });
    const created = await call(mock, "POST", "/v1/tokens/", {
      body: { permanent: false },
      headers: { authorization: `Token ${mock.token}` },
    });
    expect(created.status).toBe(201);
    const key = (created.json as { key: string }).key;

    writeFileSync(file, edited(newKey()));
    await vi.waitFor(
      () => expect(lines.some((line) => line.includes("spec reloaded in"))).toBe(true),
      EVENTUALLY,
    );
    const got = await call(mock, "GET", `/v1/tokens/${key}/`, {
      headers: { authorization: `Token ${mock.token}` },
    });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ key });
  });

  it("finishes a request in flight on the spec it started with; the next one meets the new spec", async () => {
    // Proxy mode with `errors`: the answer of a real server is checked against the spec. The server holds
    // the first answer until the spec has been reloaded with a schema that answer breaks.
    const { file } = specCopy();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived = () => {};
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const token = {
      id: 1,
      key: "k".repeat(40),
      is_active: true,
      created: "2026-11-27T10:00:00Z",
      expires: null,
    };
    const upstream = createServer((_request, response) => {
      arrived();
      void held.then(() => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify([token]));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    closeAfterTest({ close: () => new Promise<void>((resolve) => upstream.close(() => resolve())) });
    const { port } = upstream.address() as AddressInfo;
    const lines: string[] = [];
    const mock = closeAfterTest(
      await startMockServer(
        { port: 0, specPath: file, watch: true, proxy: `http://127.0.0.1:${port}`, errors: true },
        (line) => lines.push(line),
      ),
    );

    const inFlight = call(mock, "GET", "/v1/tokens/", { timeoutMs: 30_000 });
    await arrival;
    const required = "required: [id, key, is_active, created, expires]";
    expect(SPEC).toContain(required);
    writeFileSync(file, SPEC.replace(required, "required: [id, key, is_active, created, expires, label]"));
    await vi.waitFor(
      () => expect(lines.some((line) => line.includes("spec reloaded in"))).toBe(true),
      EVENTUALLY,
    );
    release();
    expect((await inFlight).status).toBe(200);
    const after = await call(mock, "GET", "/v1/tokens/");
    expect(after.status).toBe(500);
    expect(after.text).toContain("label");
  });

  it("refuses to start on a broken spec with a SPEC_INVALID error naming the file and the line", async () => {
    const { file } = specCopy();
    writeFileSync(file, SPEC.replace("openapi: 3.1.0", "openapi: [3.1.0"));
    const failure = startMockServer({ port: 0, quiet: true, specPath: file });
    await expect(failure).rejects.toMatchObject({ code: "SPEC_INVALID" });
    await expect(failure).rejects.toThrow(new RegExp(`^Spec ${file.replaceAll(".", "\\.")}:\\d+: `));
  });

  it("does not watch unless asked (the default from code)", async () => {
    const { file, edited } = specCopy();
    const still = closeAfterTest(await startMockServer({ port: 0, quiet: true, specPath: file }));
    const { mock: watching } = await watchingMock(file);
    const key = newKey();
    writeFileSync(file, edited(key));
    // Once a watching server serves the edit, the file change has surely been visible to any watcher.
    await vi.waitFor(async () => expect(await listText(watching.url)).toContain(key), EVENTUALLY);
    expect(await listText(still.url)).toContain(LISTED_KEY);
  });
});

describe("the CLI", () => {
  const run = cliRunner();

  it("reloads by default and logs it; --no-watch does not reload", async () => {
    const { file, edited } = specCopy();
    const watching = run(["--port", "0", "--spec", file]);
    const still = run(["--port", "0", "--spec", file, "--no-watch"]);
    const [watchingUrl, stillUrl] = await Promise.all([waitForUrl(watching), waitForUrl(still)]);
    const key = newKey();
    writeFileSync(file, edited(key));
    await vi.waitFor(async () => expect(await listText(watchingUrl)).toContain(key), EVENTUALLY);
    expect(watching.stderr()).toMatch(/\[mock\] info: spec reloaded in \d+ ms/);
    expect(await listText(stillUrl)).toContain(LISTED_KEY);
    expect(still.stderr()).not.toContain("spec reloaded");
  });
});
