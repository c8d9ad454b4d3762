import { describe, expect, it } from "vitest";
import { call, useTestMock } from "./support/mock.js";
import { specExample } from "./support/spec-examples.js";

describe("the Prefer header", () => {
  const mock = useTestMock();

  it.each([
    { code: 400, operationId: "listTokens", method: "GET", path: "/v1/tokens/" },
    { code: 400, operationId: "createToken", method: "POST", path: "/v1/tokens/" },
    { code: 401, operationId: "getToken", method: "GET", path: "/v1/tokens/1/" },
    { code: 403, operationId: "deleteTokens", method: "DELETE", path: "/v1/tokens/" },
    { code: 404, operationId: "getToken", method: "GET", path: "/v1/tokens/1/" },
    {
      code: 404,
      operationId: "updateToken",
      method: "PATCH",
      path: "/v1/tokens/1/",
      body: { is_active: true },
    },
    { code: 429, operationId: "listTokens", method: "GET", path: "/v1/tokens/" },
  ])(
    "code=$code on $method $path answers the spec's $code example",
    async ({ code, operationId, method, path, ...rest }) => {
      const result = await call(mock(), method, path, {
        body: rest.body,
        headers: { prefer: `code=${code}` },
      });
      expect(result.status).toBe(code);
      expect(result.headers.get("sl-violations")).toBeNull();
      expect(result.json).toEqual(await specExample(operationId, String(code)));
    },
  );

  it("code=429 carries the Retry-After header of the spec", async () => {
    const result = await call(mock(), "GET", "/v1/tokens/", { headers: { prefer: "code=429" } });
    expect(result.headers.get("retry-after")).toBe("30");
  });

  it("example=NAME picks the named example, never adjusted to the request", async () => {
    // The body asks for the other kind of token: the chosen example wins.
    for (const [name, permanent] of [
      ["permanent", false],
      ["temporary", true],
    ] as const) {
      const result = await call(mock(), "POST", "/v1/tokens/", {
        body: { permanent },
        headers: { prefer: `example=${name}` },
      });
      expect(result.status).toBe(201);
      expect(result.json).toEqual(await specExample("createToken", "201", name));
      expect(result.json).toMatchObject({ expires: name === "permanent" ? null : expect.any(String) });
    }
    const listed = await call(mock(), "GET", "/v1/tokens/?permanent=true", {
      headers: { prefer: "code=200" },
    });
    expect(listed.json).toEqual(await specExample("listTokens", "200"));
  });

  it("example=empty answers an empty list", async () => {
    const result = await call(mock(), "GET", "/v1/tokens/", { headers: { prefer: "example=empty" } });
    expect(result.json).toEqual([]);
  });

  it("code and example combine", async () => {
    const result = await call(mock(), "GET", "/v1/tokens/1/", {
      headers: { prefer: "code=401, example=missingCredentials" },
    });
    expect(result.status).toBe(401);
    expect(result.json).toEqual({ detail: "Authentication credentials were not provided." });
  });

  it("dynamic=true generates a Token that follows the schema, with only its declared properties", async () => {
    const result = await call(mock(), "GET", "/v1/tokens/1/", { headers: { prefer: "dynamic=true" } });
    expect(result.status).toBe(200);
    expect(result.headers.get("sl-violations")).toBeNull();
    expect(Object.keys(result.json as object).sort()).toEqual([
      "created",
      "expires",
      "id",
      "is_active",
      "key",
    ]);
    expect(result.json).not.toEqual(await specExample("getToken", "200"));
  });

  it("an undeclared code is refused by Prism, not answered with made-up data", async () => {
    const result = await call(mock(), "GET", "/v1/tokens/1/", { headers: { prefer: "code=418" } });
    expect(result.status).toBe(404);
    expect(result.headers.get("content-type")).toBe("application/problem+json");
  });
});
