import { describe, expect, it } from "vitest";
import { call, useTestMock } from "./support/mock.js";

describe("malformed JSON (Prism alone never answers it)", () => {
  const mock = useTestMock();

  it.each([
    { method: "POST", path: "/v1/tokens/", contentType: "application/json", body: "{permanent: true" },
    { method: "PATCH", path: "/v1/tokens/1/", contentType: "application/json; charset=utf-8", body: "{" },
    { method: "PUT", path: "/v1/tokens/1/", contentType: "application/merge-patch+json", body: "nope" },
  ])(
    "$method with $contentType gets a 400 {detail} within 1 s",
    async ({ method, path, contentType, body }) => {
      const result = await call(mock(), method, path, {
        body,
        headers: { "content-type": contentType },
        timeoutMs: 1_000,
      });
      expect(result.status).toBe(400);
      expect(result.json).toEqual({ detail: expect.stringMatching(/^JSON parse error - /) });
    },
  );

  it("leaves well-formed JSON and empty bodies to Prism", async () => {
    const valid = await call(mock(), "POST", "/v1/tokens/", { body: { permanent: false } });
    expect(valid.status).toBe(201);
    const empty = await call(mock(), "POST", "/v1/tokens/", {
      body: "",
      headers: { "content-type": "application/json" },
    });
    expect(empty.status).toBe(201);
  });

  it("does not parse a form body as JSON", async () => {
    const result = await call(mock(), "PATCH", "/v1/tokens/1/", {
      body: "is_active=false",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(result.status).toBe(200);
  });

  it("checks the token before the body, as the real API does", async () => {
    const result = await call(mock(), "POST", "/v1/tokens/", {
      auth: false,
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(result.status).toBe(401);
  });
});
