import { describe, expect, it } from "vitest";
import { type ApiRequest, openStatefulApi } from "../../src/stateful/api.js";
import { auth, closeAfterTest } from "./helpers.js";

/** A JSON-like value nested `depth` levels deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = true;
  for (let level = 0; level < depth; level += 1) value = { is_active: value, permanent: [value] };
  return value;
}

describe("handle() with hostile input", () => {
  it("never throws, and answers each mistake with a status and a JSON detail", async () => {
    const api = closeAfterTest(await openStatefulApi({ seedTokens: 2, warn: () => {} }));
    const headers = auth(api.callerKey, { "content-type": "application/json" });
    const base: ApiRequest = { method: "GET", path: "/v1/tokens/", query: {}, headers, body: undefined };
    const cases: Array<[string, Partial<ApiRequest> | Record<string, unknown>, number]> = [
      ["a non-ASCII key", { method: "POST", body: { ключ: 1 } }, 201],
      ["a non-ASCII path", { path: "/v1/tokens/ключ/" }, 404],
      ["an encoded non-ASCII key", { path: "/v1/tokens/%D0%BA%D0%BB%D1%8E%D1%87/" }, 404],
      ["invalid UTF-8 in an escape", { path: "/v1/tokens/%C3%28/" }, 404],
      ["a lone surrogate", { path: "/v1/tokens/%ED%A0%80/" }, 404],
      ["a truncated escape", { path: "/v1/tokens/%f/" }, 404],
      ["a huge path", { path: `/v1/tokens/${"a".repeat(1_000_000)}/` }, 404],
      ["a deeply nested create body", { method: "POST", body: nested(10_000) }, 400],
      ["a deeply nested update body", { method: "PATCH", path: "/v1/tokens/2/", body: nested(10_000) }, 400],
      ["a __proto__ field", { method: "POST", body: JSON.parse('{"__proto__": {"permanent": true}}') }, 201],
      ["a body of the wrong type", { method: "PATCH", path: "/v1/tokens/2/", body: 42 }, 400],
      ["a number as path", { path: 42 }, 404],
      ["no path", { path: undefined }, 404],
      ["a number as method", { method: 7 }, 405],
      ["a method with odd characters", { method: "PÖST\r\n" }, 405],
      ["null headers", { headers: null }, 401],
      ["headers with numbers", { headers: { authorization: 5 } }, 401],
      ["a header array of non-strings", { headers: { authorization: [1, 2] } }, 401],
      ["null query", { query: null }, 200],
      ["query values that are objects", { query: { limit: { $gt: 1 }, offset: [null] } }, 400],
      ["a query with a __proto__ key", { query: JSON.parse('{"__proto__": {"limit": "0"}}') }, 200],
      ["a huge integer", { query: { limit: "1e309" } }, 400],
      [
        "a content type with odd charset",
        { method: "POST", headers: { ...headers, "content-type": "application/json; charset=utf-16" } },
        201,
      ],
      [
        "a form body with nested values",
        {
          method: "PATCH",
          path: "/v1/tokens/2/",
          headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
          body: { is_active: { a: [] } },
        },
        400,
      ],
    ];
    for (const [name, overrides, status] of cases) {
      const request = { ...base, ...overrides } as ApiRequest;
      let answer: ReturnType<typeof api.handle> | undefined;
      expect(() => {
        answer = api.handle(request);
      }, name).not.toThrow();
      expect(answer?.status, name).toBe(status);
      if (status >= 400) expect(answer?.body, name).toEqual(expect.any(Object));
    }
  });

  it("answers a bug of the mock with a 500 {detail} and one warning, then keeps serving", async () => {
    let broken = false;
    const warnings: string[] = [];
    const api = closeAfterTest(
      await openStatefulApi({
        now: () => {
          if (broken) throw new Error("clock failure");
          return Date.now();
        },
        warn: (message) => warnings.push(message),
      }),
    );
    const request: ApiRequest = {
      method: "GET",
      path: "/v1/tokens/",
      query: {},
      headers: auth(api.callerKey),
      body: undefined,
    };
    broken = true;
    expect(api.handle(request)).toEqual({
      status: 500,
      headers: { "content-type": "application/json" },
      body: { detail: "Internal error of the stateful mock." },
    });
    expect(warnings).toEqual(["Internal error of the stateful mock: Error: clock failure"]);
    broken = false;
    expect(api.handle(request).status).toBe(200);
  });
});
