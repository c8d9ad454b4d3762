import { BlockList, isIP } from "node:net";
import type { MockServer } from "../start.js";

/** The key shown in the ready-to-run `curl` line; the mock accepts any key sent as `Token <key>`. */
export const EXAMPLE_KEY = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b";

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/**
 * Whether a host is loopback only: `localhost`, 127.0.0.0/8 or `::1`, in any spelling (`0:0:0:0:0:0:0:1`,
 * `[::1]`, an IPv4-mapped `::ffff:127.0.0.1`). Every other address (`0`, `::0`, a LAN address...) can be
 * reached from elsewhere, which the banner points out.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  return (
    bare.toLowerCase() === "localhost" || (family > 0 && LOOPBACK.check(bare, family === 4 ? "ipv4" : "ipv6"))
  );
}

/** The text the CLI prints once the server answers: the URL, a `curl` to try, and the `Prefer` recipes. */
export function startupBanner(server: MockServer): string {
  const { options, url } = server;
  const stateful = options.mode === "stateful";
  const mode = stateful
    ? `stateful: an in-memory API checked against the spec${options.statePath ? `, state in ${options.statePath}` : ""}`
    : options.mode === "proxy"
      ? `validating proxy of ${options.proxy?.origin}`
      : options.mode === "dynamic"
        ? `generated bodies${options.seed === undefined ? "" : `, seed "${options.seed}"`}`
        : "the spec's examples";
  const lines = [
    `NeuroIO tokens mock listening on ${url} (${mode})`,
    "",
    "Try it:",
    `  curl -H "Authorization: Token ${stateful ? (server.token ?? "<no active token>") : EXAMPLE_KEY}" ${url}/v1/tokens/`,
  ];
  if (stateful) {
    lines.push(
      "",
      server.token === undefined
        ? "No active token: start with --seed-tokens N or --token KEY (or another --state file)."
        : "Only known, active, unexpired keys are accepted; create more with POST /v1/tokens/.",
    );
  } else if (options.mode !== "proxy") {
    lines.push(
      "",
      "Ask for another answer with a Prefer header:",
      '  -H "Prefer: code=404"            an error response of the spec (400, 401, 403, 404, 429)',
      '  -H "Prefer: example=permanent"   a named example (temporary, permanent, empty, ...)',
      '  -H "Prefer: dynamic=true"        a body generated from the schema',
    );
  }
  if (options.watch) {
    const spec = options.specPath ?? "the spec of @neuroio/tokens-spec";
    lines.push("", `Watching ${spec}: a saved edit is served at once (--no-watch turns this off).`);
  }
  if (!isLoopbackHost(options.host)) {
    lines.push("", `Bound to ${options.host}: other machines on your network can reach this mock.`);
  }
  lines.push("", "Press Ctrl-C to stop.");
  return `${lines.join("\n")}\n`;
}
