#!/usr/bin/env node
/**
 * The `neuroio-tokens-mock` command: starts the mock on 127.0.0.1:4010 (see `--help`) and stops it cleanly
 * on Ctrl-C or SIGTERM. A failure to start is one line on stderr and exit code 1.
 * @module
 */
import { parseCliArgs, USAGE } from "./cli/args.js";
import { startupBanner } from "./cli/banner.js";
import { startMockServer } from "./start.js";

const PROGRAM = "neuroio-tokens-mock";

async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2));
  if (command.kind === "help") {
    process.stdout.write(USAGE);
    return;
  }
  const server = await startMockServer(command.options);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130); // a second Ctrl-C while closing: give up waiting
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${PROGRAM}: error while stopping on ${signal}: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // Printed once Ctrl-C is handled: a signal sent as soon as the URL shows must not kill the process outright.
  process.stdout.write(startupBanner(server));
}

main().catch((error: unknown) => {
  process.stderr.write(`${PROGRAM}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
