/** Launches Debian's Chromium headless through playwright-core, with the flags these machines need. */
import { type Browser, chromium } from "playwright-core";
import { chromiumLaunchOptions } from "../../../../scripts/lib/chromium.mjs";

/** Starts a headless Chromium; fails with the install command when the browser is missing. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}
