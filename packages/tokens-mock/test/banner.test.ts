import { describe, expect, it } from "vitest";
import { startupBanner } from "../src/cli/banner.js";
import type { MockServer } from "../src/index.js";
import { type MockServerOptions, resolveOptions } from "../src/options.js";

function bannerFor(options: MockServerOptions, url = "http://127.0.0.1:4010"): string {
  const server: MockServer = {
    url,
    port: 4010,
    token: undefined,
    options: resolveOptions(options),
    close: async () => {},
  };
  return startupBanner(server);
}

describe("startupBanner", () => {
  it("shows the URL, a curl line with a Token header and the Prefer recipes", () => {
    const banner = bannerFor({});
    expect(banner).toContain("listening on http://127.0.0.1:4010 (the spec's examples)");
    expect(banner).toMatch(/curl -H "Authorization: Token \S+" http:\/\/127\.0\.0\.1:4010\/v1\/tokens\//);
    expect(banner).toContain('"Prefer: code=404"');
    expect(banner).toContain('"Prefer: example=permanent"');
    expect(banner).not.toContain("other machines");
  });

  it("names the upstream in proxy mode, without Prefer recipes (the real server ignores them)", () => {
    const banner = bannerFor({ proxy: "https://iam.neuroio.com/" });
    expect(banner).toContain("(validating proxy of https://iam.neuroio.com)");
    expect(banner).not.toContain("Prefer:");
  });

  it("says that the spec is watched, and how to turn it off, only when it is", () => {
    expect(bannerFor({ watch: true, specPath: "my.yaml" })).toContain(
      "Watching my.yaml: a saved edit is served at once (--no-watch turns this off).",
    );
    expect(bannerFor({ watch: true })).toContain("Watching the spec of @neuroio/tokens-spec");
    expect(bannerFor({})).not.toContain("Watching");
  });

  it("warns when the mock is reachable from the network", () => {
    expect(bannerFor({ host: "0.0.0.0" }, "http://0.0.0.0:4010")).toContain(
      "Bound to 0.0.0.0: other machines on your network can reach this mock.",
    );
  });
});
