/** Hostile requests to the stateful mock, end to end: each is answered with a status and a JSON body, and the mock keeps serving. */
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import type { MockServer } from "../../src/index.js";
import { send, startStateful } from "./helpers.js";

/** A JSON text nested `depth` levels deep. */
function nested(depth: number): string {
  return `${'{"is_active":'.repeat(depth)}true${"}".repeat(depth)}`;
}

/** Sends a request line fetch would refuse or re-encode (a raw path, an odd method) and reads the answer. */
function raw(mock: MockServer, method: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const sent = request(
      { host: "127.0.0.1", port: mock.port, method, path, headers, insecureHTTPParser: true },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => {
          text += chunk.toString("utf8");
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, json: text === "" ? undefined : JSON.parse(text) }),
        );
      },
    );
    sent.on("error", reject);
    sent.end();
  });
}

describe("the stateful mock with hostile input", () => {
  it("answers each mistake with a status and a JSON body, and keeps serving", async () => {
    const mock = await startStateful({ seedTokens: 2 });
    const json = { "content-type": "application/json" };
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const cases: Array<
      [string, string, string, { body?: string; headers?: Record<string, string> }, number]
    > = [
      ["a non-ASCII field", "POST", "/v1/tokens/", { body: '{"ключ":1}', headers: json }, 400],
      ["a non-ASCII path", "GET", "/v1/tokens/ключ/", {}, 404],
      ["an encoded non-ASCII key", "GET", "/v1/tokens/%D0%BA%D0%BB%D1%8E%D1%87/", {}, 404],
      ["invalid UTF-8 in an escape", "GET", "/v1/tokens/%C3%28/", {}, 404],
      ["a lone surrogate", "GET", "/v1/tokens/%ED%A0%80/", {}, 404],
      ["a truncated escape", "GET", "/v1/tokens/%f/", {}, 404],
      ["a long path", "GET", `/v1/tokens/${"a".repeat(8_000)}/`, {}, 404],
      ["a deeply nested create body", "POST", "/v1/tokens/", { body: nested(10_000), headers: json }, 400],
      ["a deeply nested update body", "PATCH", "/v1/tokens/2/", { body: nested(10_000), headers: json }, 400],
      [
        "a __proto__ field",
        "POST",
        "/v1/tokens/",
        { body: '{"__proto__": {"permanent": true}}', headers: json },
        400,
      ],
      [
        "a form __proto__ field",
        "PATCH",
        "/v1/tokens/2/",
        { body: "__proto__=x&is_active=true", headers: form },
        200,
      ],
      ["a body of the wrong type", "PATCH", "/v1/tokens/2/", { body: "42", headers: json }, 400],
      ["a number as Authorization", "GET", "/v1/tokens/", { headers: { authorization: "5" } }, 401],
      ["query values that look like objects", "GET", "/v1/tokens/?limit[$gt]=1&offset[]=", {}, 200],
      ["a query with a __proto__ key", "GET", "/v1/tokens/?__proto__[limit]=0&__proto__=1", {}, 200],
      ["a huge integer", "GET", "/v1/tokens/?limit=1e309", {}, 400],
      [
        "an odd charset",
        "POST",
        "/v1/tokens/",
        { body: "{}", headers: { "content-type": "application/json; charset=utf-16" } },
        415,
      ],
      [
        "a form body with nested values",
        "PATCH",
        "/v1/tokens/2/",
        { body: "is_active[a]=1", headers: form },
        400,
      ],
    ];
    for (const [name, method, path, options, status] of cases) {
      const answer = await send(mock, method, path, options);
      expect(answer.status, name).toBe(status);
      expect(answer.json, name).toEqual(expect.any(Object));
    }
    const key = { authorization: `Token ${mock.token}` };
    expect((await raw(mock, "GET", "/v1/tokens/%/", key)).status).toBe(404);
    expect(await raw(mock, "PURGE", "/v1/tokens/", key)).toMatchObject({
      status: 405,
      json: { detail: 'Method "PURGE" not allowed.' },
    });
    expect((await send(mock, "GET", "/v1/tokens/")).status).toBe(200);
  });

  it("answers a bug of the mock with a 500, logs it once, then keeps serving", async () => {
    let broken = false;
    const lines: string[] = [];
    const now = () => {
      if (broken) throw new Error("clock failure");
      return Date.now();
    };
    const mock = await startStateful({ now }, (line) => lines.push(line));
    broken = true;
    const failed = await send(mock, "GET", "/v1/tokens/");
    expect(failed.status).toBe(500);
    expect(
      lines.filter((line) => line.includes("Internal error of the stateful mock: Error: clock failure")),
    ).toHaveLength(1);
    broken = false;
    expect((await send(mock, "GET", "/v1/tokens/")).status).toBe(200);
  });
});
