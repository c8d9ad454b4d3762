/**
 * The CLI's one-file bundle (scripts/bundle-cli.mjs): it must not load a second Prism from node_modules, and
 * the generator of generated bodies (json-schema-faker, faker) must load only when a body is generated.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { tempDir } from "./stateful/helpers.js";
import { cliRunner, waitForUrl } from "./support/cli.js";

/** Preloaded into the CLI: writes every file Node's CommonJS loader read to LOADED_FILES_OUT at exit. */
const HOOK = `
const Module = require("node:module");
const loaded = new Set();
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try { loaded.add(Module._resolveFilename(request, parent, isMain)); } catch {}
  return load.apply(this, arguments);
};
process.on("exit", () => require("node:fs").writeFileSync(process.env.LOADED_FILES_OUT, [...loaded].join("\\n")));
`;

/**
 * Preloaded into the CLI: writes the body of every function made from source text (`new Function`, how Ajv
 * compiles a validator) to FUNCTIONS_OUT at exit.
 */
const FUNCTION_HOOK = `
const made = [];
const NativeFunction = Function;
const record = (args) => made.push(String(args[args.length - 1] ?? ""));
globalThis.Function = new Proxy(NativeFunction, {
  construct(target, args, newTarget) {
    record(args);
    return Reflect.construct(target, args, newTarget === globalThis.Function ? target : newTarget);
  },
  apply(target, self, args) {
    record(args);
    return Reflect.apply(target, self, args);
  },
});
process.on("exit", () => require("node:fs").writeFileSync(process.env.FUNCTIONS_OUT, JSON.stringify(made)));
`;

vi.setConfig({ testTimeout: 60_000 });

describe("the CLI bundle", () => {
  const run = cliRunner();

  async function loadedFiles(args: string[], request: RequestInit) {
    const dir = tempDir();
    const hook = join(dir, "hook.cjs");
    const out = join(dir, "loaded.txt");
    writeFileSync(hook, HOOK);
    const cli = run(["--port", "0", "--quiet", "--no-watch", ...args], {
      nodeArgs: ["-r", hook],
      env: { LOADED_FILES_OUT: out },
    });
    const url = await waitForUrl(cli);
    const response = await fetch(`${url}/v1/tokens/`, request);
    expect(response.status).toBe(200);
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
    return readFileSync(out, "utf8").split("\n");
  }

  it("answers from its own copy of Prism, without loading faker or json-schema-faker", async () => {
    const files = await loadedFiles([], { headers: { authorization: "Token bundle-test" } });
    expect(files.some((file) => file.endsWith("dist/cli.cjs"))).toBe(true);
    expect(files.filter((file) => /node_modules[\\/]@stoplight[\\/]prism-http[\\/]/.test(file))).toEqual([]);
    expect(files.filter((file) => /json-schema-faker|@faker-js/.test(file))).toEqual([]);
  });

  it("compiles the validators a request needs, never Ajv's draft-07 meta-schema (the bundle carries it)", async () => {
    const dir = tempDir();
    const hook = join(dir, "function-hook.cjs");
    const out = join(dir, "functions.json");
    writeFileSync(hook, FUNCTION_HOOK);
    const cli = run(["--port", "0", "--quiet", "--no-watch"], {
      nodeArgs: ["-r", hook],
      env: { FUNCTIONS_OUT: out },
    });
    const url = await waitForUrl(cli);
    // A request Prism validates (query) and an answer it validates (the list).
    const response = await fetch(`${url}/v1/tokens/?limit=2`, {
      headers: { authorization: "Token bundle-test" },
    });
    expect(response.status).toBe(200);
    const refused = await fetch(`${url}/v1/tokens/?limit=abc`, {
      headers: { authorization: "Token bundle-test" },
    });
    expect(refused.status).toBe(400);
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
    const made = JSON.parse(readFileSync(out, "utf8")) as string[];
    expect(made.some((body) => body.includes("function validate"))).toBe(true);
    // The meta-schema's validator checks a schema's own keywords, e.g. its `propertyNames`.
    expect(made.filter((body) => body.includes("data.propertyNames !== undefined"))).toEqual([]);
  });

  it("loads the generator on the first generated body", async () => {
    const files = await loadedFiles([], {
      headers: { authorization: "Token bundle-test", prefer: "dynamic=true" },
    });
    expect(files.some((file) => /json-schema-faker/.test(file))).toBe(true);
  });
});
