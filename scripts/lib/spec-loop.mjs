/**
 * The spec half of `pnpm dev`: on every save of the spec, regenerate the client's types (the generator of
 * `pnpm generate`), rebuild the client (Vite then reloads the console with it) and type-check the console.
 * A step that fails is reported once, with its output, and leaves the last good output in place: the
 * generator writes only a successful render, the package build swaps `dist/` only when it succeeded.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
// The mock's watcher and spec check (built before `pnpm dev` runs this): one copy of each.
import { checkSpecText, formatSpecProblem } from "../../packages/tokens-mock/dist/prism/check-spec.js";
import { watchFile } from "../../packages/tokens-mock/dist/prism/watch-spec.js";
import { REPO_ROOT, SCHEMA_FILE, SPEC_FILE, writeSchema } from "./render-schema.mjs";

/**
 * @typedef {object} SpecLoopOptions
 * @property {string} [root] repository root (a copy of it in tests)
 * @property {boolean} [build] rebuild the client and type-check the console after a new schema (default true)
 * @property {(line: string) => void} [log] where the loop reports (default: stdout)
 * @property {number} [debounceMs] quiet time after the last write of a burst
 * @property {boolean} [persistent] keep the process alive while watching (the dev task does)
 */

/**
 * Starts watching `spec/tokens.openapi.yaml` under `root`.
 * @param {SpecLoopOptions} [options]
 * @returns {{ close(): void, settled(): Promise<void> }} `settled` resolves when no round is running
 */
export function startSpecLoop({
  root = REPO_ROOT,
  build = true,
  log = console.log,
  debounceMs,
  persistent,
} = {}) {
  let lastFailure = "";
  let round = Promise.resolve();
  const fail = (text) => {
    // Once: the same broken spec saved again (or a touch) must not flood the dev output.
    if (text === lastFailure) return;
    lastFailure = text;
    log(`✗ ${text}`);
  };
  const onChange = async () => {
    const started = performance.now();
    const elapsed = () => `${Math.round(performance.now() - started)} ms`;
    let written;
    try {
      written = await writeSchema(root);
    } catch (error) {
      // The generator reads the text, so its messages name no file: say where the problem is when we can.
      const text = await readFile(join(root, SPEC_FILE), "utf8").catch(() => "");
      const problem = checkSpecText(SPEC_FILE, text);
      const what = problem ? formatSpecProblem(problem) : `${SPEC_FILE}: ${message(error)}`;
      fail(`${what} (generation failed; ${SCHEMA_FILE} kept as it was)`);
      return;
    }
    // Unchanged types need no rebuild, unless the last round failed after generating (fixed since).
    if (!written && lastFailure === "") return;
    if (written) log(`↻ ${SCHEMA_FILE} regenerated in ${elapsed()}`);
    if (build) {
      const tsc = join(root, "node_modules/typescript/bin/tsc");
      const clientDir = join(root, "packages/tokens-client");
      // tsdown empties dist/ before it builds: type-check first, so types that break the client keep the last
      // good dist/ (the console's dev server keeps serving it).
      const types = await run([tsc, "-p", "tsconfig.build.json", "--noEmit"], clientDir);
      if (types) return fail(`the client does not type-check with the new types (dist/ kept):\n${types}`);
      // The client's `build` script (tsdown, configured by its tsdown.config.ts), without pnpm in between.
      const client = await run([join(root, "node_modules/tsdown/dist/run.mjs")], clientDir);
      if (client) return fail(`the client does not build with the new types:\n${client}`);
      const typecheck = await run([tsc, "-p", "tsconfig.json"], join(root, "packages/token-console"));
      if (typecheck) return fail(`the console does not type-check with the new types:\n${typecheck}`);
      log(`✓ client rebuilt and console type-checked, ${elapsed()} after the save`);
    }
    lastFailure = "";
  };
  const watcher = watchFile(
    join(root, SPEC_FILE),
    () => {
      round = onChange();
      return round;
    },
    { debounceMs, persistent, onError: (error) => fail(message(error)) },
  );
  return { close: () => watcher.close(), settled: () => round };
}

/** Runs `node ...args` in `cwd`; resolves with its output when it failed, `undefined` when it passed. */
function run(args, cwd) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd, env: { ...process.env, FORCE_COLOR: "0" } },
      (error, stdout, stderr) => {
        resolve(error ? `${stdout}${stderr}`.trim() || error.message : undefined);
      },
    );
  });
}

function message(error) {
  return error instanceof Error ? error.message : String(error);
}
