import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { openStatefulApi } from "../../src/stateful/api.js";
import { auth, closeAfterTest, tempDir } from "./helpers.js";

/**
 * What a second mock process runs: `src/stateful/api.ts` bundled into one ES module for plain Node (the
 * package's dist/ is bundled by tsdown and has no module of its own for the API).
 */
let builtApi = "";
const bundleDir = mkdtempSync(join(tmpdir(), "neuroio-state-lock-"));
beforeAll(() => {
  builtApi = join(bundleDir, "api.mjs");
  buildSync({
    entryPoints: [fileURLToPath(new URL("../../src/stateful/api.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: builtApi,
    logLevel: "error",
  });
});
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

/**
 * A second process that opens the API on `statePath`, creates a token, prints `open` and waits; on SIGTERM
 * it exits normally (so its exit handler runs). When it cannot open, it prints the error and exits 1.
 */
const CHILD = `
const [apiPath, statePath] = process.argv.slice(1);
const { openStatefulApi } = await import(apiPath);
try {
  const api = await openStatefulApi({ statePath, seedTokens: 1 }, () => {});
  api.handle({ method: "post", url: { path: "/v1/tokens/" }, headers: { authorization: "Token " + api.callerKey } });
  process.on("SIGTERM", () => process.exit(0));
  setInterval(() => {}, 1000);
  process.stdout.write("open\\n");
} catch (error) {
  process.stdout.write("refused " + error.message + "\\n");
  process.exit(1);
}
`;

interface Child {
  process: ChildProcessWithoutNullStreams;
  /** Resolves with the first line the child printed. */
  firstLine: Promise<string>;
  exited: Promise<number | string>;
}

function startChild(statePath: string): Child {
  const child = spawn(process.execPath, ["--input-type=module", "-e", CHILD, builtApi, statePath], {
    stdio: "pipe",
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await exited;
    }
  });
  let output = "";
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("\n")) resolve(output.split("\n")[0] ?? "");
    });
    child.once("exit", () => reject(new Error(`the child exited before printing a line: ${output}`)));
  });
  return { process: child, firstLine, exited };
}

/** A PID no process has: one of a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid as number;
}

describe("the state file lock (defect 7)", () => {
  it("refuses a second process while the first runs, naming its PID, and takes over once it was killed", async () => {
    const statePath = join(tempDir(), "state.json");
    const first = startChild(statePath);
    expect(await first.firstLine).toBe("open");
    const pid = first.process.pid as number;
    const before = readFileSync(statePath, "utf8");
    const refusal = openStatefulApi({ statePath }, () => {});
    await expect(refusal).rejects.toMatchObject({ code: "STATE_FILE_UNUSABLE" });
    await expect(refusal).rejects.toThrow(
      `Cannot use the state file ${statePath}: it is in use by the process with PID ${pid}, which holds the lock ${statePath}.lock.`,
    );
    expect(readFileSync(statePath, "utf8")).toBe(before);

    first.process.kill("SIGKILL"); // no exit handler runs: the lock is left behind, stale
    await first.exited;
    expect(readFileSync(`${statePath}.lock`, "utf8")).toBe(`${pid}\n`);
    const api = closeAfterTest(await openStatefulApi({ statePath }, () => {}));
    // Nothing the first process acknowledged is lost: its seeded token and the one it created.
    const listed = api.handle({ method: "get", url: { path: "/v1/tokens/" }, headers: auth(api.callerKey) });
    expect((listed.body as unknown[]).length).toBe(2);
    expect(readFileSync(`${statePath}.lock`, "utf8")).toBe(`${process.pid}\n`);
  });

  it("a second process refuses to start while this one holds the file", async () => {
    const statePath = join(tempDir(), "state.json");
    closeAfterTest(await openStatefulApi({ statePath }, () => {}));
    const second = startChild(statePath);
    expect(await second.firstLine).toMatch(
      new RegExp(
        `^refused Cannot use the state file .*: it is in use by the process with PID ${process.pid}\\b`,
      ),
    );
    expect(await second.exited).toBe(1);
  });

  it("releases the lock when the holder exits normally", async () => {
    const statePath = join(tempDir(), "state.json");
    const holder = startChild(statePath);
    expect(await holder.firstLine).toBe("open");
    expect(existsSync(`${statePath}.lock`)).toBe(true);
    holder.process.kill("SIGTERM");
    expect(await holder.exited).toBe(0);
    expect(existsSync(`${statePath}.lock`)).toBe(false);
  });

  it("refuses a second open in the same process, and allows it after close", async () => {
    const statePath = join(tempDir(), "state.json");
    const first = await openStatefulApi({ statePath }, () => {});
    await expect(openStatefulApi({ statePath }, () => {})).rejects.toThrow(
      `this process (PID ${process.pid})`,
    );
    await first.close();
    await first.close();
    expect(existsSync(`${statePath}.lock`)).toBe(false);
    closeAfterTest(await openStatefulApi({ statePath }, () => {}));
  });

  it("releases every lock of this process on exit with one listener, however many it holds", async () => {
    const dir = tempDir();
    const before = process.listenerCount("exit");
    const apis = [];
    for (let index = 0; index < 12; index += 1) {
      apis.push(await openStatefulApi({ statePath: join(dir, `state-${index}.json`) }, () => {}));
    }
    expect(process.listenerCount("exit")).toBe(before + 1);
    for (const api of apis) await api.close();
    expect(process.listenerCount("exit")).toBe(before);
    expect(readdirSync(dir).filter((name) => name.endsWith(".lock"))).toEqual([]);
  });

  it("takes over a lock of a dead PID, of our own PID left by an earlier process, or unreadable", async () => {
    const dir = tempDir();
    for (const content of [`${await deadPid()}\n`, `${process.pid}\n`, "garbage"]) {
      const statePath = join(dir, `state-${readdirSync(dir).length}.json`);
      writeFileSync(`${statePath}.lock`, content);
      const api = await openStatefulApi({ statePath }, () => {});
      expect(readFileSync(`${statePath}.lock`, "utf8")).toBe(`${process.pid}\n`);
      await api.close();
      expect(existsSync(`${statePath}.lock`)).toBe(false);
    }
    expect(readdirSync(dir).filter((name) => name.includes(".lock"))).toEqual([]);
  });

  it("stops saving once closed, and answers 500 instead of losing changes silently", async () => {
    const statePath = join(tempDir(), "state.json");
    const api = await openStatefulApi({ statePath }, () => {});
    const saved = readFileSync(statePath, "utf8");
    await api.close();
    const answer = api.handle({ method: "post", url: { path: "/v1/tokens/" }, headers: auth(api.callerKey) });
    expect(answer).toMatchObject({ statusCode: 500, body: { detail: "The stateful API was closed." } });
    expect(readFileSync(statePath, "utf8")).toBe(saved);
  });
});

describe("temporary files of a killed save (defect 9)", () => {
  it("removes those of this state file whose process is gone, and nothing else", async () => {
    const dir = tempDir();
    const statePath = join(dir, "state.json");
    const dead = await deadPid();
    const alive = startChild(join(dir, "other-state.json"));
    expect(await alive.firstLine).toBe("open");
    const files = {
      stale: `.state.json.${dead}.0a1b2c3d.tmp`,
      // Saves are synchronous: one of this PID at start was left by an earlier process with the same PID.
      ownPid: `.state.json.${process.pid}.12345678.tmp`,
      live: `.state.json.${alive.process.pid}.0a1b2c3d.tmp`,
      otherState: `.state.json.bak.${dead}.0a1b2c3d.tmp`,
      otherName: `.state.json.${dead}.notes.txt`,
      noDot: `state.json.${dead}.0a1b2c3d.tmp`,
    };
    for (const name of Object.values(files)) writeFileSync(join(dir, name), '{"keys": "secret"}');
    const warnings: string[] = [];
    closeAfterTest(await openStatefulApi({ statePath }, (message) => warnings.push(message)));
    const left = readdirSync(dir);
    expect(left).not.toContain(files.stale);
    expect(left).not.toContain(files.ownPid);
    for (const name of [files.live, files.otherState, files.otherName, files.noDot])
      expect(left).toContain(name);
    expect(warnings).toEqual([
      expect.stringMatching(/^Removed 2 temporary file\(s\) of .*state\.json left by/),
    ]);
  });
});
