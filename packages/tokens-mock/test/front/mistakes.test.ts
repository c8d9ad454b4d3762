import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MockServer } from "../../src/index.js";
import { type CallOptions, call, startTestMock } from "../support/mock.js";

const JSON_TYPE = { "content-type": "application/json" };
const API_PATHS = "/v1/tokens/, /v1/tokens/{token_id_or_key}/";

/** One mistake: the request, and the answer the real API (Django REST Framework) gives it. */
interface Mistake {
  name: string;
  method: string;
  path: string;
  options?: CallOptions;
  status: number;
  body: unknown;
  headers?: Record<string, string | RegExp>;
}

/** Every mistake of issue 10, answered alike in examples and stateful mode. */
const MISTAKES: Mistake[] = [
  {
    name: "a string for a boolean field",
    method: "POST",
    path: "/v1/tokens/",
    options: { body: { permanent: "yes" } },
    status: 400,
    body: { permanent: ["Must be a valid boolean."] },
  },
  {
    name: "a limit below its minimum",
    method: "GET",
    path: "/v1/tokens/?limit=-5",
    status: 400,
    body: { limit: ["Ensure this value is greater than or equal to 1."] },
  },
  {
    name: "three wrong query parameters, named all at once",
    method: "GET",
    path: "/v1/tokens/?limit=ten&offset=-1&permanent=maybe",
    status: 400,
    body: {
      limit: ["A valid integer is required."],
      offset: ["Ensure this value is greater than or equal to 0."],
      permanent: ["Must be a valid boolean."],
    },
  },
  {
    name: "a limit Prism's coercion reads as a number but the API does not (1e1)",
    method: "GET",
    path: "/v1/tokens/?limit=1e1&offset=0x1",
    status: 400,
    body: { limit: ["A valid integer is required."], offset: ["A valid integer is required."] },
  },
  {
    name: "an empty permanent on delete-many (read as omitted, it would delete every token)",
    method: "DELETE",
    path: "/v1/tokens/?permanent=",
    status: 400,
    body: { permanent: ["Must be a valid boolean."] },
  },
  {
    name: "a missing required field",
    method: "PATCH",
    path: "/v1/tokens/1/",
    options: { body: {} },
    status: 400,
    body: { is_active: ["This field is required."] },
  },
  {
    name: "a field the spec does not declare",
    method: "POST",
    path: "/v1/tokens/",
    options: { body: { permanent: true, extra: 1 } },
    status: 400,
    body: { extra: ["Unexpected field: the spec does not declare it."] },
  },
  {
    name: "a list instead of an object",
    method: "POST",
    path: "/v1/tokens/",
    options: { body: [] },
    status: 400,
    body: { non_field_errors: ["Invalid data. Expected a dictionary, but got list."] },
  },
  {
    name: "malformed JSON",
    method: "POST",
    path: "/v1/tokens/",
    options: { body: "{permanent: true", headers: JSON_TYPE },
    status: 400,
    body: { detail: expect.stringMatching(/^JSON parse error - /) },
  },
  {
    name: "a text/plain body",
    method: "POST",
    path: "/v1/tokens/",
    options: { body: "permanent", headers: { "content-type": "text/plain" } },
    status: 415,
    body: { detail: 'Unsupported media type "text/plain" in request.' },
  },
  {
    name: "a form body where only JSON is taken",
    method: "PUT",
    path: "/v1/tokens/1/",
    options: { body: "is_active=true", headers: { "content-type": "application/x-www-form-urlencoded" } },
    status: 415,
    body: { detail: 'Unsupported media type "application/x-www-form-urlencoded" in request.' },
  },
  {
    name: "a compressed body",
    method: "POST",
    path: "/v1/tokens/",
    options: { body: "\u001f\u008b", headers: { ...JSON_TYPE, "content-encoding": "gzip" } },
    status: 415,
    body: { detail: 'Unsupported Content-Encoding "gzip" in request: send the body uncompressed.' },
  },
  {
    name: "the collection without its trailing slash",
    method: "GET",
    path: "/v1/tokens",
    status: 404,
    body: { detail: "Not found. Did you mean /v1/tokens/ (with the trailing slash)?" },
  },
  {
    name: "an unknown path",
    method: "GET",
    path: "/v2/keys/",
    status: 404,
    body: { detail: `Not found. The API's paths are: ${API_PATHS}` },
  },
  {
    name: "a method the path lacks",
    method: "PUT",
    path: "/v1/tokens/",
    status: 405,
    body: { detail: 'Method "PUT" not allowed.' },
    headers: { allow: "POST, GET, DELETE, OPTIONS" },
  },
  {
    name: "a token: header instead of Authorization (the old JS SDK)",
    method: "GET",
    path: "/v1/tokens/",
    options: { auth: false, headers: { token: "Token abc" } },
    status: 401,
    body: {
      detail:
        'Authentication credentials were not provided. A "token" header is not read: Send "Authorization: Token <key>" (the word Token, one space, the key).',
    },
    headers: { "www-authenticate": "Token" },
  },
  {
    name: "a Bearer token",
    method: "GET",
    path: "/v1/tokens/",
    options: { auth: false, headers: { authorization: "Bearer abc" } },
    status: 401,
    body: {
      detail: 'Invalid token header. Send "Authorization: Token <key>" (the word Token, one space, the key).',
    },
  },
];

/** Runs the table against one mock; `key` is a key the mock accepts. */
function describeMistakes(mode: string, start: () => Promise<MockServer>) {
  describe(`${mode} mode answers every mistake in the API's own words`, () => {
    let mock: MockServer;
    beforeAll(async () => {
      mock = await start();
    });
    afterAll(() => mock?.close());

    it.each(MISTAKES)("$name: $method $path → $status", async (mistake) => {
      const options = mistake.options ?? {};
      const headers =
        options.auth === false
          ? options.headers
          : { authorization: `Token ${mock.token ?? "any"}`, ...options.headers };
      const result = await call(mock, mistake.method, mistake.path, { ...options, auth: false, headers });
      expect({ status: result.status, body: result.json }).toEqual({
        status: mistake.status,
        body: mistake.body,
      });
      for (const [name, value] of Object.entries(mistake.headers ?? {})) {
        if (typeof value === "string") expect(result.headers.get(name)).toBe(value);
        else expect(result.headers.get(name)).toMatch(value);
      }
    });
  });
}

describeMistakes("examples", () => startTestMock());
describeMistakes("stateful", () => startTestMock({ stateful: true }));
