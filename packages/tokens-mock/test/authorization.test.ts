import { describe, expect, it } from "vitest";
import { authorizationProblem, parseAuthorization } from "../src/stateful/auth.js";
import { call, useTestMock } from "./support/mock.js";

const SECRET = "s3cr3t-key-that-must-not-leak";

describe("the Authorization check (Prism accepts any value)", () => {
  const mock = useTestMock();

  it.each([
    { label: "a Bearer token", value: `Bearer ${SECRET}` },
    { label: "a bare key", value: SECRET },
    { label: "the keyword alone", value: "Token" },
    { label: "a key with a space", value: `Token ${SECRET} extra` },
    { label: "Basic credentials", value: "Basic dXNlcjpwYXNz" },
  ])("refuses $label with 401 {detail} and WWW-Authenticate: Token", async ({ value }) => {
    const result = await call(mock(), "GET", "/v1/tokens/", {
      auth: false,
      headers: { authorization: value },
    });
    expect(result.status).toBe(401);
    expect(result.headers.get("www-authenticate")).toBe("Token");
    expect(result.json).toEqual({ detail: expect.stringMatching(/^Invalid token header\./) });
    expect(result.text).not.toContain(SECRET);
  });

  it("refuses a request without Authorization with the real API's message", async () => {
    const result = await call(mock(), "DELETE", "/v1/tokens/1/", { auth: false });
    expect(result.status).toBe(401);
    expect(result.json).toEqual({ detail: "Authentication credentials were not provided." });
  });

  it.each(["Token abc", "token abc", "TOKEN  abc"])("accepts %j", async (value) => {
    const result = await call(mock(), "GET", "/v1/tokens/", {
      auth: false,
      headers: { authorization: value },
    });
    expect(result.status).toBe(200);
  });
});

describe("authorizationProblem", () => {
  it("accepts only the Token scheme with exactly one key", () => {
    expect(authorizationProblem({ authorization: "Token k" })).toBeUndefined();
    expect(authorizationProblem({ authorization: undefined })).toMatch(/not provided/);
    expect(authorizationProblem({ authorization: "   " })).toMatch(/not provided/);
    expect(authorizationProblem({ authorization: "Token" })).toMatch(/No credentials provided/);
    expect(authorizationProblem({ authorization: "Token a b" })).toMatch(/should not contain spaces/);
    expect(authorizationProblem({ authorization: "Bearer k" })).toMatch(/Token <key>/);
  });

  it("gives the key of a well-formed header (any case of the scheme, surrounding spaces)", () => {
    expect(parseAuthorization("  token abc-123 ")).toEqual({ ok: true, key: "abc-123" });
    expect(parseAuthorization(`Token ${SECRET} x`)).toEqual({ ok: false, detail: expect.any(String) });
    expect(JSON.stringify(parseAuthorization(`Bearer ${SECRET}`))).not.toContain(SECRET);
  });
});
