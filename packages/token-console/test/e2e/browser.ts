/** Launches Debian's Chromium headless through playwright-core, with the flags these machines need. */

import { chromiumLaunchOptions } from "@neuroio/test-support/chromium";
import { type Browser, chromium } from "playwright-core";

/** Starts a headless Chromium; fails with the install command when the browser is missing. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}
