/** The browser finder's search order and the one-line answers when no browser is found (env overrides only). */
import { writeFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chromiumLaunchOptions, findChromium, INSTALL_HINT } from "../src/chromium.mjs";
import { ensureChromium } from "../src/ensure-chromium.mjs";

let dir;
/** A home folder without a Playwright cache, so the real user's cache never leaks into a test. */
let home;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "neuroio-chromium-"));
  home = join(dir, "home");
  await mkdir(home);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Creates an executable (or, with `mode` 0o644, a plain) file at `dir/relative`. */
async function fakeExecutable(relative, mode = 0o755) {
  const file = join(dir, relative);
  await mkdir(join(file, ".."), { recursive: true });
  await writeFile(file, "#!/bin/sh\n");
  await chmod(file, mode);
  return file;
}

const find = (env) => findChromium(env, { home, platform: "linux" });

describe("findChromium", () => {
  it("takes CHROMIUM_PATH first, even when a browser is on the PATH", async () => {
    const explicit = await fakeExecutable("custom/chrome");
    await fakeExecutable("bin/chromium");
    expect(find({ CHROMIUM_PATH: explicit, PATH: join(dir, "bin") })).toEqual({
      path: explicit,
      source: "CHROMIUM_PATH",
    });
  });

  it("reports a CHROMIUM_PATH pointing nowhere instead of quietly using another browser", async () => {
    await fakeExecutable("bin/chromium");
    const result = find({ CHROMIUM_PATH: join(dir, "nowhere"), PATH: join(dir, "bin") });
    expect(result).toEqual({
      error: `CHROMIUM_PATH=${join(dir, "nowhere")} is not an executable file: fix or unset it.`,
    });
  });

  it("searches the PATH for chromium, then chromium-browser, then google-chrome", async () => {
    const chrome = await fakeExecutable("a/google-chrome");
    const browser = await fakeExecutable("b/chromium-browser");
    const PATH = [join(dir, "a"), join(dir, "b")].join(":");
    expect(find({ PATH })).toEqual({ path: browser, source: "PATH" });
    await rm(browser);
    expect(find({ PATH })).toEqual({ path: chrome, source: "PATH" });
  });

  it("skips files on the PATH that are not executable", async () => {
    await fakeExecutable("bin/chromium", 0o644);
    expect(find({ PATH: join(dir, "bin") })).toEqual({ error: INSTALL_HINT });
  });

  it("falls back to the newest Chromium of Playwright's cache, full browser before headless shell", async () => {
    await fakeExecutable("pw/chromium-1100/chrome-linux/chrome");
    const newest = await fakeExecutable("pw/chromium-1200/chrome-linux/chrome");
    await fakeExecutable("pw/chromium_headless_shell-1300/chrome-linux/headless_shell");
    expect(find({ PATH: "", PLAYWRIGHT_BROWSERS_PATH: join(dir, "pw") })).toEqual({
      path: newest,
      source: "playwright",
    });
  });

  it("finds Playwright's default cache under the home folder", async () => {
    const shell = await fakeExecutable(
      "home/.cache/ms-playwright/chromium_headless_shell-1200/chrome-linux/headless_shell",
    );
    expect(find({ PATH: "" })).toEqual({ path: shell, source: "playwright" });
  });

  it("names what to install, in one line, when nothing is found", () => {
    const result = find({ PATH: join(dir, "empty") });
    expect(result).toEqual({ error: INSTALL_HINT });
    expect(INSTALL_HINT).not.toContain("\n");
    expect(INSTALL_HINT).toContain("apt-get install -y chromium");
  });
});

describe("chromiumLaunchOptions", () => {
  it("throws the one-line hint when no browser is found", () => {
    expect(() => chromiumLaunchOptions({ PATH: "", PLAYWRIGHT_BROWSERS_PATH: join(dir, "none") })).toThrow(
      INSTALL_HINT,
    );
  });

  it("launches the browser found, headless", async () => {
    const explicit = await fakeExecutable("chrome");
    const options = chromiumLaunchOptions({ CHROMIUM_PATH: explicit });
    expect(options.executablePath).toBe(explicit);
    expect(options.args).toContain("--headless");
  });
});

describe("ensureChromium", () => {
  /** An environment without a browser: apt-get on the PATH, an empty Playwright cache. */
  async function bareEnv() {
    await fakeExecutable("sbin/apt-get");
    return { PATH: join(dir, "sbin"), PLAYWRIGHT_BROWSERS_PATH: join(dir, "none") };
  }

  it("installs with apt as root when nothing is found, then uses what was installed", async () => {
    const env = await bareEnv();
    const calls = [];
    const result = ensureChromium({
      env,
      isRoot: true,
      log: (line) => calls.push(line),
      install: () => {
        calls.push("install");
        writeFileSync(join(dir, "sbin", "chromium"), "#!/bin/sh\n", { mode: 0o755 });
        return true;
      },
    });
    expect(calls).toEqual([expect.stringContaining("installing Debian's chromium"), "install"]);
    expect(result).toEqual({ path: join(dir, "sbin", "chromium") });
  });

  it("does not install when not root, and answers with the one-line hint", async () => {
    const env = await bareEnv();
    let installed = false;
    const result = ensureChromium({ env, isRoot: false, log: () => {}, install: () => (installed = true) });
    expect(installed).toBe(false);
    expect(result).toEqual({ error: INSTALL_HINT });
  });

  it("does not install without apt-get", async () => {
    let installed = false;
    const env = { PATH: join(dir, "empty"), PLAYWRIGHT_BROWSERS_PATH: join(dir, "none") };
    const result = ensureChromium({ env, isRoot: true, log: () => {}, install: () => (installed = true) });
    expect(installed).toBe(false);
    expect(result).toEqual({ error: INSTALL_HINT });
  });

  it("does not install over a wrong CHROMIUM_PATH: that is the user's to fix", async () => {
    const env = { ...(await bareEnv()), CHROMIUM_PATH: join(dir, "nowhere") };
    let installed = false;
    const result = ensureChromium({ env, isRoot: true, log: () => {}, install: () => (installed = true) });
    expect(installed).toBe(false);
    expect(result).toEqual({ error: expect.stringContaining("CHROMIUM_PATH=") });
  });

  it("reports a failed install in one line", async () => {
    const env = await bareEnv();
    const result = ensureChromium({ env, isRoot: true, log: () => {}, install: () => false });
    expect(result).toEqual({ error: `apt-get install -y chromium failed (see above). ${INSTALL_HINT}` });
  });

  it("returns the browser found without installing anything", async () => {
    const browser = await fakeExecutable("bin/chromium");
    let installed = false;
    const result = ensureChromium({
      env: { PATH: join(dir, "bin") },
      isRoot: true,
      install: () => (installed = true),
    });
    expect({ result, installed }).toEqual({ result: { path: browser }, installed: false });
  });
});
