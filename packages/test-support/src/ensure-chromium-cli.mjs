#!/usr/bin/env node
/**
 * First step of `pnpm check`: the browser tests need a Chromium. Prints where it is, installs Debian's when
 * none is found and we run as root with apt, or exits 1 at once with one line naming what to install.
 */
import { ensureChromium } from "./ensure-chromium.mjs";

const result = ensureChromium();
if ("error" in result) {
  console.error(result.error);
  process.exit(1);
}
console.log(`Chromium for the browser tests: ${result.path}`);
