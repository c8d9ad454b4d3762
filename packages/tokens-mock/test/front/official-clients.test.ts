/**
 * Exactly what the official clients send, in both modes: the Python SDK's form-encoded PATCH, and the old
 * JavaScript SDK's JSON PUT, its `Content-Type: application/json` on bodiless GET and DELETE, and the `token:`
 * header its factory sends instead of `Authorization`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MockServer } from "../../src/index.js";
import { call, startTestMock } from "../support/mock.js";

for (const mode of ["examples", "stateful"] as const) {
  describe(`the official clients against the ${mode} mock`, () => {
    let mock: MockServer;
    let authorization: string;
    beforeAll(async () => {
      mock = await startTestMock(mode === "stateful" ? { stateful: true, seedTokens: 2 } : {});
      authorization = `Token ${mock.token ?? "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"}`;
    });
    afterAll(() => mock?.close());

    it("Python SDK: PATCH form-encoded is_active=false deactivates the token", async () => {
      const result = await call(mock, "PATCH", "/v1/tokens/2/", {
        auth: false,
        body: "is_active=false",
        headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
      });
      expect(result.status).toBe(200);
      expect(result.json).toMatchObject({ id: 2, is_active: false });
      expect(result.headers.get("sl-violations")).toBeNull();
    });

    it("Python SDK: list() with its defaults sends permanent= (httpx writes None so): both kinds, paged", async () => {
      const result = await call(mock, "GET", "/v1/tokens/?permanent=&limit=20&offset=0", {
        auth: false,
        headers: { authorization },
      });
      expect(result.status).toBe(200);
      const kinds = (result.json as { expires: string | null }[]).map((token) => token.expires === null);
      expect(new Set(kinds)).toEqual(new Set([true, false]));
      expect(result.headers.get("sl-violations")).toBeNull();
    });

    it("old JS SDK: PUT JSON is_active=true activates it again", async () => {
      const result = await call(mock, "PUT", "/v1/tokens/2/", {
        auth: false,
        body: JSON.stringify({ is_active: true }),
        headers: { authorization, "content-type": "application/json;charset=utf-8" },
      });
      expect(result.status).toBe(200);
      expect(result.json).toMatchObject({ id: 2, is_active: true });
    });

    it("old JS SDK: Content-Type: application/json on a GET and a DELETE without a body", async () => {
      const headers = { authorization, "content-type": "application/json" };
      const list = await call(mock, "GET", "/v1/tokens/?limit=1", { auth: false, headers });
      expect(list.status).toBe(200);
      expect(list.json).toHaveLength(1);
      const deleted = await call(mock, "DELETE", "/v1/tokens/2/", { auth: false, headers });
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe("");
    });

    it("old JS SDK: a token: header without Authorization gets a 401 saying what to send", async () => {
      const result = await call(mock, "GET", "/v1/tokens/", {
        auth: false,
        headers: { token: authorization },
      });
      expect(result.status).toBe(401);
      expect((result.json as { detail: string }).detail).toContain('Send "Authorization: Token <key>"');
      expect(result.text).not.toContain(authorization.slice(6));
    });
  });
}
