/** Every error class: which status maps to which, what each carries, and how messages read. */
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NeuroioApiError,
  NeuroioConnectionError,
  NeuroioError,
  NeuroioRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "../../src/index.js";
import { empty, json, setup } from "./helpers/mock-fetch.js";

/** The error a call rejects with (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<NeuroioError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(NeuroioError);
  return error as NeuroioError;
}

describe("HTTP errors", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [501, InternalServerError],
    [503, InternalServerError],
    [409, NeuroioApiError],
  ])("maps %i to %o", async (status, Class) => {
    const { client } = setup([json(status, { detail: "Nope." })], { maxRetries: 0 });
    const error = await failure(client.tokens.create());
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(NeuroioApiError);
    expect(error.constructor).toBe(Class);
    expect(error.name).toBe(Class.name);
    expect((error as NeuroioApiError).status).toBe(status);
  });

  it("reads like `404 GET /v1/tokens/7/: Not found.` and carries status, body, detail, method, path, headers", async () => {
    const { client } = setup([json(404, { detail: "Not found." }, { "X-Request-Id": "r1" })]);
    const error = (await failure(client.tokens.get(7))) as NotFoundError;
    expect(error.message).toBe("404 GET /v1/tokens/7/: Not found.");
    expect(error).toMatchObject({
      status: 404,
      body: { detail: "Not found." },
      detail: "Not found.",
      method: "GET",
      path: "/v1/tokens/7/",
      retryAfterMs: undefined,
    });
    expect(error.headers["x-request-id"]).toBe("r1");
    expect(error.headers["content-type"]).toBe("application/json");
  });

  it("summarises field validation errors when the body has no detail", async () => {
    const { client } = setup([json(400, { is_active: ["Must be a valid boolean."], other: ["A.", "B."] })]);
    const error = (await failure(client.tokens.update(2, { is_active: true }))) as BadRequestError;
    expect(error.message).toBe("400 PATCH /v1/tokens/2/: is_active: Must be a valid boolean.; other: A. B.");
    expect(error.detail).toBeUndefined();
    expect(error.body).toEqual({ is_active: ["Must be a valid boolean."], other: ["A.", "B."] });
  });

  it("keeps a text body as text and quotes it on one line", async () => {
    const { client } = setup([new Response("<h1>Bad\ngateway</h1>", { status: 502 })], { maxRetries: 0 });
    const error = (await failure(client.tokens.list())) as InternalServerError;
    expect(error.body).toBe("<h1>Bad\ngateway</h1>");
    expect(error.message).toBe("502 GET /v1/tokens/: <h1>Bad gateway</h1>");
  });

  it("falls back to the status text when the body is empty", async () => {
    const { client } = setup([empty(403)]);
    const error = (await failure(client.tokens.deleteList({ all: true }))) as PermissionDeniedError;
    expect(error.body).toBeUndefined();
    expect(error.message).toBe("403 DELETE /v1/tokens/: HTTP error");
  });

  it("masks Authorization-like response headers", async () => {
    const { client } = setup([
      json(401, { detail: "Invalid token." }, { Authorization: "Token echoed", "Set-Cookie": "s=1" }),
    ]);
    const error = (await failure(client.tokens.list())) as AuthenticationError;
    expect(error.headers.authorization).toBe("***");
    expect(error.headers["set-cookie"]).toBe("***");
  });

  it("masks a string key in the path, keeping ids", async () => {
    const { client } = setup([json(404, { detail: "Not found." }), json(404, { detail: "Not found." })]);
    const long = (await failure(
      client.tokens.get("9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"),
    )) as NotFoundError;
    expect(long.path).toBe("/v1/tokens/9944***/");
    expect(long.message).toBe("404 GET /v1/tokens/9944***/: Not found.");
    const short = (await failure(client.tokens.delete("abc"))) as NotFoundError;
    expect(short.path).toBe("/v1/tokens/***/");
  });
});

describe("bodies that break the contract", () => {
  it.each([
    [
      "text that is not JSON",
      new Response("<html>oops</html>", { status: 200 }),
      "is not valid JSON (17 characters)",
    ],
    ["truncated JSON", new Response('{"id": 1, "key": "abc', { status: 200 }), "is not valid JSON"],
    ["JSON of the wrong shape", json(200, { hello: "world" }), "is not a token"],
    ["an empty body", new Response("", { status: 200 }), "is not a token"],
  ])("a 2xx with %s is a NeuroioError, never a SyntaxError", async (_, response, reason) => {
    const { client, requests } = setup([response]);
    const error = await failure(client.tokens.get(1));
    expect(error.constructor).toBe(NeuroioRequestError);
    expect(error).toMatchObject({ method: "GET", path: "/v1/tokens/1/" });
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error.message).toContain("200 GET /v1/tokens/1/: the response body ");
    expect(error.message).toContain(reason);
    expect(requests).toHaveLength(1);
  });

  it("a list that is not an array of tokens is a NeuroioError", async () => {
    const { client } = setup([json(200, [{ id: 1 }])]);
    await expect(client.tokens.list()).rejects.toThrow(
      "200 GET /v1/tokens/: the response body is not an array",
    );
  });
});

describe("connection errors", () => {
  it("wrap what fetch threw, keeping its name and text (not the object) as cause", async () => {
    const cause = new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:1") });
    const { client } = setup([cause], { maxRetries: 0 });
    const error = (await failure(client.tokens.get(3))) as NeuroioConnectionError;
    expect(error).toBeInstanceOf(NeuroioConnectionError);
    expect(error.cause).not.toBe(cause);
    expect(error.cause).toMatchObject({
      name: "TypeError",
      message: "fetch failed (connect ECONNREFUSED 127.0.0.1:1)",
    });
    expect(error.message).toBe(
      "GET /v1/tokens/3/: connection failed: fetch failed (connect ECONNREFUSED 127.0.0.1:1)",
    );
    expect(error).toMatchObject({ method: "GET", path: "/v1/tokens/3/" });
  });
});

describe("JSON.stringify(error)", () => {
  it("includes the name, message and fields", async () => {
    const { client } = setup([json(404, { detail: "Not found." })]);
    const error = await failure(client.tokens.get(7));
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "NotFoundError",
      message: "404 GET /v1/tokens/7/: Not found.",
      status: 404,
      detail: "Not found.",
    });
  });
});
