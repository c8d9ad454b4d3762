import type { Operation } from "./runtime.js";

/** Where a request lands in the spec: an operation, a path without that method, or nowhere. */
export type Route =
  | { kind: "operation"; operation: Operation }
  | { kind: "method-not-allowed"; allow: string[] }
  /** `malformed`: a path no router can read (Prism's would throw on it), answered 404 in every mode. */
  | { kind: "not-found"; detail: string; malformed?: boolean };

/**
 * Routes `method path` (the raw, percent-encoded path) against the spec, the way the real API's URL
 * configuration does: paths match exactly, trailing slash included. A miss gets a hint: the path with the
 * slash it lacks, or the list of the API's paths. A malformed percent-encoding names nothing, as on the API.
 */
export function routeRequest(operations: readonly Operation[], method: string, path: string): Route {
  if (!path.startsWith("/") || !percentDecodes(path))
    return { kind: "not-found", detail: "Not found.", malformed: true };
  const lower = method.toLowerCase();
  const onPath = operations.filter((operation) => matches(operation.path, path));
  const operation = onPath.find((candidate) => candidate.method === lower);
  if (operation !== undefined) return { kind: "operation", operation };
  if (onPath.length > 0) {
    const allow = [...new Set(onPath.map((candidate) => candidate.method.toUpperCase()))];
    return { kind: "method-not-allowed", allow: [...allow, "OPTIONS"] };
  }
  const slashed = `${path}/`;
  if (operations.some((candidate) => matches(candidate.path, slashed))) {
    return { kind: "not-found", detail: `Not found. Did you mean ${slashed} (with the trailing slash)?` };
  }
  const paths = [...new Set(operations.map((candidate) => candidate.path))].join(", ");
  return { kind: "not-found", detail: `Not found. The API's paths are: ${paths}` };
}

/** Whether `decodeURIComponent` takes the text (Prism's router and body reader throw on what it does not). */
export function percentDecodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether a raw request path matches a spec path template such as `/v1/tokens/{token_id_or_key}/`. */
function matches(template: string, path: string): boolean {
  const wanted = template.split("/");
  const given = path.split("/");
  if (wanted.length !== given.length) return false;
  return wanted.every((part, index) => {
    const segment = given[index] as string;
    return part.startsWith("{") && part.endsWith("}") ? segment !== "" : part === segment;
  });
}
