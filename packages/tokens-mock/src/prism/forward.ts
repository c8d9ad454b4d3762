/**
 * Prism's `forward` component, replaced: what answers a checked request in proxy mode (the real server, by
 * `fetch`) and in stateful mode (the in-memory API, a function call). Prism still validates every request
 * before and every response after it.
 * @module
 */
import type { PrismHttpComponents } from "@stoplight/prism-http";

/** Prism's forward component. */
export type ForwardComponent = PrismHttpComponents["forward"];
/** The request Prism hands to `forward` (its `IHttpRequest`). */
export type PrismInput = Parameters<ForwardComponent>[0]["data"];
/** What `forward` resolves to (its `IHttpResponse`). */
export type PrismOutput = { statusCode: number; headers?: Record<string, string>; body?: unknown };

/**
 * Makes a `forward` component of `call`: every request Prism hands it is passed on (the engine refuses a
 * request that breaks the spec before Prism runs, when the mode says so).
 */
export function forwardTo(call: (input: PrismInput) => Promise<PrismOutput>): ForwardComponent {
  const forward =
    ({ data }: { data: PrismInput }) =>
    () =>
    () =>
      call(data).then(
        (right) => ({ _tag: "Right", right }),
        (left: unknown) => ({ _tag: "Left", left: left instanceof Error ? left : new Error(String(left)) }),
      );
  return forward as unknown as ForwardComponent;
}

/**
 * The fields of a form-encoded body or a query string: a repeated field is the list of its values.
 * Built by `Object.fromEntries`, which defines each field, so one named `__proto__` stays a field.
 */
export function formFields(text: string): Record<string, string | string[]> {
  const fields = new Map<string, string | string[]>();
  for (const [name, value] of new URLSearchParams(text)) {
    const previous = fields.get(name);
    fields.set(name, previous === undefined ? value : [...[previous].flat(), value]);
  }
  return Object.fromEntries(fields);
}

/**
 * Headers never passed on, either way: hop-by-hop ones (RFC 9110 §7.6.1), the request's `Host`, and what
 * `fetch` sets or already undid (length, compression).
 */
const NOT_PASSED = new Set([
  "host",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "proxy-authenticate",
  "trailer",
  "upgrade",
]);

/**
 * Sends a checked request to the real server at `upstream`, and nowhere else: redirects are not followed (a
 * 3xx goes back to the caller unchanged, so `Authorization` never reaches another origin), and a request
 * that would leave the upstream's origin is refused. A JSON answer is parsed (Prism validates values).
 */
export function proxyCall(upstream: URL, timeoutMs = 30_000): (input: PrismInput) => Promise<PrismOutput> {
  const base = upstream.pathname.replace(/\/+$/, "");
  const kept = (headers: Iterable<[string, string]>) =>
    Object.fromEntries([...headers].filter(([name]) => !NOT_PASSED.has(name)));
  return async (input) => {
    const url = new URL(`${upstream.origin}${base}${input.url.path}`);
    for (const [name, value] of Object.entries(input.url.query ?? {})) {
      for (const item of [value].flat()) url.searchParams.append(name, item);
    }
    if (url.origin !== upstream.origin) throw new Error("The request would leave the upstream's origin.");
    const { body } = input;
    const response = await fetch(url, {
      method: input.method.toUpperCase(),
      headers: kept(Object.entries(input.headers ?? {})),
      body: body === undefined || body === null || typeof body === "string" ? body : JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const headers = kept(response.headers);
    let parsed: unknown = text === "" ? undefined : text;
    if (text !== "" && /json/i.test(headers["content-type"] ?? "")) {
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON after all: passed on as text, and Prism reports it.
      }
    }
    return { statusCode: response.status, headers, body: parsed };
  };
}
