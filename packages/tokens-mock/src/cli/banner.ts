import type { MockServer } from "../start.js";

/** The key shown in the ready-to-run `curl` line; the mock accepts any key sent as `Token <key>`. */
export const EXAMPLE_KEY = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b";

/** Hosts that bind every interface, which the banner points out. */
const WILDCARD_HOSTS = new Set(["0.0.0.0", "::", "[::]"]);

/** The text the CLI prints once the server answers: the URL, a `curl` to try, and the `Prefer` recipes. */
export function startupBanner(server: MockServer): string {
  const { options, url } = server;
  const mode = options.stateful
    ? `stateful: an in-memory API checked against the spec${options.statePath ? `, state in ${options.statePath}` : ""}`
    : options.proxy !== undefined
      ? `validating proxy of ${options.proxy.origin}`
      : options.seed !== undefined
        ? `generated bodies, seed "${options.seed}"`
        : options.dynamic
          ? "generated bodies"
          : "the spec's examples";
  const lines = [
    `NeuroIO tokens mock listening on ${url} (${mode})`,
    "",
    "Try it:",
    `  curl -H "Authorization: Token ${options.stateful ? (server.token ?? "<no active token>") : EXAMPLE_KEY}" ${url}/v1/tokens/`,
  ];
  if (options.stateful) {
    lines.push(
      "",
      server.token === undefined
        ? "No active token: start with --seed-tokens N or --token KEY (or another --state file)."
        : "Only known, active, unexpired keys are accepted; create more with POST /v1/tokens/.",
    );
  } else if (options.proxy === undefined) {
    lines.push(
      "",
      "Ask for another answer with a Prefer header:",
      '  -H "Prefer: code=404"            an error response of the spec (400, 401, 403, 404, 429)',
      '  -H "Prefer: example=permanent"   a named example (temporary, permanent, empty, ...)',
      '  -H "Prefer: dynamic=true"        a body generated from the schema',
    );
  }
  if (WILDCARD_HOSTS.has(options.host)) {
    lines.push("", `Bound to ${options.host}: other machines on your network can reach this mock.`);
  }
  lines.push("", "Press Ctrl-C to stop.");
  return `${lines.join("\n")}\n`;
}
