/**
 * Defect 1: an attempt that times out, or that the caller aborts, is cancelled for real: the server sees its
 * socket close, and a process that catches the error exits at once instead of waiting for undici's 300 s
 * headers timeout. Real sockets (a local server that never answers), the global fetch: no mock could show it.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTokensClient, NeuroioAbortError, NeuroioTimeoutError } from "../../src/index.js";
import { type SilentServer, startSilentServer } from "./support/silent-server.js";

let server: SilentServer;

beforeEach(async () => {
  server = await startSilentServer();
});

afterEach(async () => {
  await server.close();
});

describe("a request that is given up", () => {
  it("on timeout is cancelled: the server sees its socket close", async () => {
    const client = createTokensClient({
      apiToken: "abcd1234",
      baseUrl: server.url,
      timeoutMs: 100,
      maxRetries: 0,
    });
    const call = client.tokens.list().catch((e: unknown) => e);
    const socket = await server.nextConnection();
    expect(await call).toBeInstanceOf(NeuroioTimeoutError);
    await server.closed(socket);
    expect(socket.destroyed).toBe(true);
  }, 30_000);

  it("when the caller aborts is cancelled: the server sees its socket close", async () => {
    const client = createTokensClient({ apiToken: "abcd1234", baseUrl: server.url, timeoutMs: 60_000 });
    const controller = new AbortController();
    const call = client.tokens.get(1, { signal: controller.signal }).catch((e: unknown) => e);
    const socket = await server.nextConnection();
    controller.abort();
    expect(await call).toBeInstanceOf(NeuroioAbortError);
    await server.closed(socket);
  }, 30_000);

  it("on every timed-out attempt of a retried call, each one cancelled", async () => {
    const client = createTokensClient({
      apiToken: "abcd1234",
      baseUrl: server.url,
      timeoutMs: 100,
      maxRetries: 1,
    });
    const call = client.tokens.list().catch((e: unknown) => e);
    const first = await server.nextConnection();
    await server.closed(first);
    const second = await server.nextConnection();
    await server.closed(second);
    expect(await call).toBeInstanceOf(NeuroioTimeoutError);
  }, 30_000);
});

describe("a Node process that caught a timeout", () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "tokens-client-exit-"));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("exits on its own at once (a running keeper does not hold it either)", async () => {
    // The client as users get it: bundled from the sources into one ESM file, run by a plain `node`.
    const entry = fileURLToPath(new URL("../../src/index.ts", import.meta.url));
    await build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      platform: "node",
      outfile: join(dir, "client.mjs"),
    });
    const script = join(dir, "script.mjs");
    await writeFile(
      script,
      `import { createTokensClient } from "./client.mjs";
const client = createTokensClient({ apiToken: "abcd1234", baseUrl: process.argv[2], timeoutMs: 300, maxRetries: 0 });
client.tokens.keepFresh({ save() {}, everyMs: 3_600_000 });
await client.tokens.list().catch((error) => console.log(error.name));
`,
    );
    const child = spawn(process.execPath, [script, server.url], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    // Before the fix the child lived on for about 300 s; the guard only keeps a broken build from hanging CI.
    const guard = setTimeout(() => child.kill("SIGKILL"), 60_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.on("exit", (c, s) => resolve([c, s])),
    );
    clearTimeout(guard);
    expect(output.trim()).toBe("NeuroioTimeoutError");
    expect(signal).toBeNull();
    expect(code).toBe(0);
  }, 90_000);
});
