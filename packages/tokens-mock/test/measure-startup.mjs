#!/usr/bin/env node
/**
 * Measures how long the mock takes from process start to the first answered request, for the built CLI
 * (`node dist/cli.js`) and for Prism's own CLI (`prism mock`), a few runs each, and prints the medians.
 * Usage: node packages/tokens-mock/test/measure-startup.mjs [runs]   (build first: pnpm --filter @neuroio/tokens-mock build)
 * Pass `--command "pnpm mock -- --port {port}"` to time any command instead (run from the repo root).
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { freePort } from "@neuroio/test-support/processes";

const require = createRequire(import.meta.url);
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const spec = require.resolve("@neuroio/tokens-spec");
const prismCli = require.resolve("@stoplight/prism-cli/dist/index.js");

const args = process.argv.slice(2);
const commandIndex = args.indexOf("--command");
const custom = commandIndex === -1 ? undefined : args.splice(commandIndex, 2)[1];
const runs = Number(args[0] ?? 5);

async function timeOnce(command) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command.replaceAll("{port}", String(port)), {
    shell: true,
    stdio: "ignore",
    detached: true,
  });
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/v1/tokens/`, {
          headers: { authorization: "Token measure" },
        });
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 30_000) throw new Error(`${command} did not answer within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    // The process group this script started (shell, pnpm, node); it may be gone already.
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
  }
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const commands = custom
  ? { [custom]: custom }
  : {
      "neuroio-tokens-mock (node dist/cli.js)": `node ${cli} --port {port} --quiet`,
      "prism mock (CLI 5.14.2)": `node ${prismCli} mock -p {port} -h 127.0.0.1 ${spec}`,
    };
const results = {};
for (const [name, command] of Object.entries(commands)) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await timeOnce(command));
  results[name] = median(times);
  console.log(
    `${name}: median ${results[name].toFixed(0)} ms to the first answer (${times.map((t) => t.toFixed(0)).join(", ")})`,
  );
}
const [ours, prism] = Object.values(results);
if (prism !== undefined) console.log(`ratio prism / ours: ${(prism / ours).toFixed(2)}x`);
