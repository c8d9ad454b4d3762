import { describe, expect, it } from "vitest";
import {
  type ExampleAnswer,
  exampleTokens,
  type FollowedRequest,
  followRequest,
  type SpecOperation,
} from "../../src/prism/follow-request.js";
import type { StoredToken } from "../../src/stateful/store.js";
import { specExample, specOperations } from "../support/spec-examples.js";

const operations = await specOperations();
const temporary = (await specExample("createToken", "201", "temporary")) as StoredToken;
const permanent = (await specExample("createToken", "201", "permanent")) as StoredToken;

/** What Prism answers by default: the first example of the operation's first 2xx response. */
async function prismDefault(operationId: string, code: string): Promise<ExampleAnswer> {
  return { status: Number(code), body: await specExample(operationId, code) };
}

function request(operationId: string, fields: Partial<FollowedRequest> = {}): FollowedRequest {
  return { operationId, query: {}, body: undefined, ...fields };
}

describe("followRequest", () => {
  it("reads the example tokens from the spec: each id once, the first view of it", () => {
    const tokens = exampleTokens(operations);
    expect(tokens.map((token) => token.id).sort()).toEqual([permanent.id, temporary.id].sort());
    expect(tokens.find((token) => token.id === temporary.id)).toEqual(temporary);
    expect(exampleTokens(operations)).toBe(tokens);
  });

  it("create answers the permanent example when asked for one, the temporary one otherwise", async () => {
    const answer = await prismDefault("createToken", "201");
    const create = (body: unknown) => followRequest(operations, request("createToken", { body }), answer);
    expect(create({ permanent: true })).toEqual({ status: 201, body: permanent });
    expect(create({ permanent: "true" })).toEqual({ status: 201, body: permanent });
    expect(create({ permanent: false })).toEqual({ status: 201, body: temporary });
    expect(create(undefined)).toEqual({ status: 201, body: temporary });
    expect(create({})).toEqual({ status: 201, body: temporary });
  });

  it("update answers the token asked for with is_active as sent, JSON or form", async () => {
    const answer = await prismDefault("updateToken", "200");
    const update = (tokenIdOrKey: string, body: unknown, operationId = "updateToken", contentType?: string) =>
      followRequest(operations, request(operationId, { tokenIdOrKey, body, contentType }), answer).body;
    expect(update(String(permanent.id), { is_active: false })).toEqual({ ...permanent, is_active: false });
    expect(update(temporary.key, { is_active: true })).toEqual({ ...temporary, is_active: true });
    expect(update(String(temporary.id), { is_active: "false" })).toEqual({ ...temporary, is_active: false });
    const form = "application/x-www-form-urlencoded";
    expect(update(String(temporary.id), { is_active: ["true", "false"] }, "updateToken", form)).toEqual({
      ...temporary,
      is_active: false,
    });
    expect(update(String(permanent.id), { is_active: true }, "replaceToken")).toEqual(permanent);
    // An unknown id keeps Prism's token, with is_active as sent.
    expect(update("999", { is_active: true })).toEqual({ ...(answer.body as StoredToken), is_active: true });
  });

  it("list applies permanent, limit and offset to the example tokens, newest first", async () => {
    const answer = await prismDefault("listTokens", "200");
    const list = (query: FollowedRequest["query"]) =>
      (followRequest(operations, request("listTokens", { query }), answer).body as StoredToken[]).map(
        (token) => token.id,
      );
    const newestFirst = [temporary, permanent].sort((a, b) => b.id - a.id).map((token) => token.id);
    expect(list({})).toEqual(newestFirst);
    expect(list({ permanent: "true" })).toEqual([permanent.id]);
    expect(list({ permanent: "false" })).toEqual([temporary.id]);
    expect(list({ limit: "1" })).toEqual(newestFirst.slice(0, 1));
    expect(list({ offset: "1" })).toEqual(newestFirst.slice(1));
    expect(list({ offset: "5" })).toEqual([]);
    expect(list({ limit: ["5", "1"] })).toEqual(newestFirst.slice(0, 1));
  });

  it("get of an id or key an example has answers that example; an unknown one keeps Prism's answer", async () => {
    const answer = await prismDefault("getToken", "200");
    const get = (tokenIdOrKey: string) =>
      followRequest(operations, request("getToken", { tokenIdOrKey }), answer);
    expect(get(String(permanent.id))).toEqual({ status: 200, body: permanent });
    expect(get(permanent.key)).toEqual({ status: 200, body: permanent });
    expect(get(String(temporary.id))).toEqual({ status: 200, body: temporary });
    expect(
      followRequest(operations, request("getToken", { tokenIdOrKey: permanent.id }), answer).body,
    ).toEqual(permanent);
    expect(get("999")).toBe(answer);
    expect(get("unknown-key")).toBe(answer);
  });

  it("leaves delete answers (204, no body) as Prism chose them", () => {
    const answer = { status: 204, body: undefined };
    expect(followRequest(operations, request("deleteToken", { tokenIdOrKey: "1" }), answer)).toBe(answer);
    expect(followRequest(operations, request("deleteTokens"), answer)).toBe(answer);
  });

  // An answer picked with Prefer never reaches followRequest (prefer.test.ts checks it over HTTP).
  it("never changes a non-2xx answer, or a create that breaks the spec; a list query the API refuses is its 400", async () => {
    const created = await prismDefault("createToken", "201");
    const notFound = { status: 404, body: { detail: "Not found." } };
    expect(followRequest(operations, request("getToken", { tokenIdOrKey: "1" }), notFound)).toBe(notFound);
    expect(followRequest(operations, request("createToken", { body: { permanent: "sure" } }), created)).toBe(
      created,
    );
    const listed = await prismDefault("listTokens", "200");
    // Prism refuses limit=-5 before this runs; limit=1e1 passes its coercion, and the API refuses both alike.
    for (const limit of ["-5", "1e1"]) {
      expect(followRequest(operations, request("listTokens", { query: { limit } }), listed)).toEqual({
        status: 400,
        body: {
          limit: [
            limit === "-5"
              ? "Ensure this value is greater than or equal to 1."
              : "A valid integer is required.",
          ],
        },
      });
    }
  });

  it("follows whatever tokens another spec's examples hold, and changes none of its inputs", () => {
    const token = (id: number, expires: string | null): StoredToken => ({
      id,
      key: `key-${id}`,
      is_active: true,
      created: "2026-01-01T00:00:00Z",
      expires,
    });
    const tokens = [token(7, null), token(9, "2026-01-02T00:00:00Z"), token(8, null)];
    const other: SpecOperation[] = [
      { iid: "listTokens", responses: [{ code: "200", contents: [{ examples: [{ value: tokens }] }] }] },
      {
        iid: "getToken",
        responses: [{ code: "404", contents: [{ examples: [{ value: token(5, null) }] }] }],
      },
    ];
    const frozen = Object.freeze({ status: 200, body: Object.freeze([]) });
    const page = followRequest(other, request("listTokens", { query: { permanent: "true" } }), frozen);
    expect((page.body as StoredToken[]).map((item) => item.id)).toEqual([8, 7]);
    // Only 2xx examples are tokens to answer with.
    expect(followRequest(other, request("getToken", { tokenIdOrKey: "5" }), frozen)).toBe(frozen);
    expect(tokens[0]).toEqual(token(7, null));
  });
});
