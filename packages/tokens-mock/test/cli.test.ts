import { describe, expect, it } from "vitest";
import { cliRunner, expectOneLineFailure, waitForUrl } from "./support/cli.js";
import { startTestMock } from "./support/mock.js";

const cli = cliRunner();

// Each case starts a Node process; under load that takes seconds, so the default 5 s is too tight.
describe("neuroio-tokens-mock (the CLI)", { timeout: 90_000 }, () => {
  it("serves the API, prints the URL, a curl line and the Prefer recipes, and stops cleanly on SIGTERM", async () => {
    const run = cli(["--port", "0"]);
    const url = await waitForUrl(run);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(run.stdout()).toContain(`curl -H "Authorization: Token `);
    expect(run.stdout()).toContain(`${url}/v1/tokens/`);
    expect(run.stdout()).toContain('"Prefer: code=404"');
    expect(run.stdout()).toContain('"Prefer: example=permanent"');
    const response = await fetch(`${url}/v1/tokens/`, { headers: { authorization: "Token abc" } });
    expect(response.status).toBe(200);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    await expect(fetch(`${url}/v1/tokens/`)).rejects.toThrow();
  });

  it("stops cleanly on Ctrl-C (SIGINT), and ignores the `--` of `pnpm mock -- ...`", async () => {
    const run = cli(["--", "--port", "0", "--quiet"]);
    await waitForUrl(run);
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toBe("");
  });

  it("prints the mode and honours --dynamic and --seed", async () => {
    const run = cli(["--port", "0", "--seed", "demo"]);
    const url = await waitForUrl(run);
    expect(run.stdout()).toContain('generated bodies, seed "demo"');
    const get = async () =>
      (await fetch(`${url}/v1/tokens/1/`, { headers: { authorization: "Token a" } })).json();
    expect(await get()).toEqual(await get());
  });

  it("exits 1 with one line on stderr when the port is in use", async () => {
    const mock = await startTestMock();
    try {
      const run = cli(["--port", String(mock.port)]);
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toBe(
        `neuroio-tokens-mock: Port ${mock.port} on 127.0.0.1 is already in use: stop what is using it or pick another port (--port).\n`,
      );
    } finally {
      await mock.close();
    }
  });

  it.each([
    {
      args: ["--proxy", "iam.neuroio.com"],
      line: /^neuroio-tokens-mock: Invalid proxy URL "iam.neuroio.com"/,
    },
    {
      args: ["--spec", "/nonexistent.yaml"],
      line: /^neuroio-tokens-mock: Spec not found: \/nonexistent.yaml/,
    },
    { args: ["--port", "http"], line: /^neuroio-tokens-mock: Invalid --port "http"/ },
    { args: ["--bogus"], line: /^neuroio-tokens-mock: Unknown option '--bogus'/ },
  ])("exits 1 with one line on stderr for $args", async ({ args, line }) => {
    await expectOneLineFailure(cli(["--port", "0", ...args]), line);
  });

  it("--help prints the usage with every flag and exits 0", async () => {
    const run = cli(["--help"]);
    expect(await run.exited).toBe(0);
    for (const flag of [
      "--port",
      "--host",
      "--dynamic",
      "--seed",
      "--proxy",
      "--quiet",
      "--verbose",
      "--errors",
      "--spec",
    ]) {
      expect(run.stdout()).toContain(flag);
    }
  });
});
