import { isIP } from "node:net";
import type { MockServer } from "../start.js";

/** The key shown in the ready-to-run `curl` line; the mock accepts any key sent as `Token <key>`. */
export const EXAMPLE_KEY = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b";

/**
 * Whether a host is loopback only: `localhost`, 127.0.0.0/8, `::1` (in any spelling) or an IPv4-mapped
 * loopback. Every other address (`0`, `::0`, `0:0:0:0:0:0:0:0`, a LAN address...) can be reached from
 * elsewhere, which the banner points out.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost") return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  if (isIP(bare) !== 6) return false;
  const mapped = /^(?:0*:)*:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare)?.[1];
  if (mapped !== undefined) return mapped.startsWith("127.");
  const groups = expandIPv6(bare);
  return groups.slice(0, 7).every((group) => group === 0) && groups[7] === 1;
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded). */
function expandIPv6(address: string): number[] {
  const [head = "", tail] = address.split("::");
  const parse = (part: string) =>
    part === "" ? [] : part.split(":").map((group) => Number.parseInt(group, 16));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
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
