import { describe, expect, it } from "vitest";
import { call, useTestMock } from "./support/mock.js";
import { specExample, specOperations } from "./support/spec-examples.js";

const KEY = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b";

/**
 * One request per operation of the spec (and per body type / id form), with the answer the spec promises:
 * its first example, or (`example`) the example that follows the request, as [operationId, status, name].
 */
const CASES = [
  {
    operationId: "createToken",
    method: "POST",
    path: "/v1/tokens/",
    body: { permanent: true },
    status: 201,
    example: ["createToken", "201", "permanent"] as [string, string, string],
  },
  { operationId: "createToken", method: "POST", path: "/v1/tokens/", status: 201 },
  { operationId: "listTokens", method: "GET", path: "/v1/tokens/", status: 200 },
  {
    operationId: "listTokens",
    method: "GET",
    path: "/v1/tokens/?permanent=false&limit=10&offset=5",
    status: 200,
    body: undefined,
    answer: [],
  },
  { operationId: "deleteTokens", method: "DELETE", path: "/v1/tokens/?permanent=true", status: 204 },
  { operationId: "deleteTokens", method: "DELETE", path: "/v1/tokens/", status: 204 },
  {
    operationId: "getToken",
    method: "GET",
    path: "/v1/tokens/1/",
    status: 200,
    example: ["getToken", "200", "permanent"] as [string, string, string],
  },
  { operationId: "getToken", method: "GET", path: `/v1/tokens/${KEY}/`, status: 200 },
  {
    operationId: "updateToken",
    method: "PATCH",
    path: "/v1/tokens/2/",
    body: { is_active: false },
    status: 200,
  },
  {
    operationId: "updateToken",
    method: "PATCH",
    path: `/v1/tokens/${KEY}/`,
    body: "is_active=false",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    status: 200,
  },
  {
    operationId: "replaceToken",
    method: "PUT",
    path: "/v1/tokens/2/",
    body: { is_active: true },
    status: 200,
    example: ["getToken", "200", "temporary"] as [string, string, string],
  },
  { operationId: "deleteToken", method: "DELETE", path: "/v1/tokens/2/", status: 204 },
] as const;

describe("every operation of the spec", () => {
  const mock = useTestMock();

  it("is covered by a case below", async () => {
    const declared = (await specOperations()).map((operation) => operation.iid).sort();
    const covered = [...new Set(CASES.map((testCase) => testCase.operationId))].sort();
    expect(covered).toEqual(declared);
  });

  it.each(CASES)(
    "$method $path answers $status with the spec's example that follows the request, and no violation",
    async (testCase) => {
      const result = await call(mock(), testCase.method, testCase.path, {
        body: "body" in testCase ? testCase.body : undefined,
        headers: "headers" in testCase ? testCase.headers : undefined,
      });
      expect(result.headers.get("sl-violations")).toBeNull();
      expect(result.status).toBe(testCase.status);
      if (testCase.status === 204) {
        expect(result.text).toBe("");
      } else {
        expect(result.headers.get("content-type")).toMatch(/^application\/json/);
        const expected =
          "answer" in testCase
            ? testCase.answer
            : "example" in testCase
              ? await specExample(...testCase.example)
              : await specExample(testCase.operationId, String(testCase.status));
        expect(result.json).toEqual(expected);
      }
    },
  );

  it("refuses a body that breaks the schema with the spec's 400, reporting the violation", async () => {
    const result = await call(mock(), "POST", "/v1/tokens/", { body: { permanent: "yes" } });
    expect(result.status).toBe(400);
    expect(JSON.parse(result.headers.get("sl-violations") ?? "[]")).toEqual([
      expect.objectContaining({ location: ["request", "body", "permanent"], severity: "Error" }),
    ]);
  });

  it("matches paths strictly: no trailing slash is a 404", async () => {
    const result = await call(mock(), "GET", "/v1/tokens");
    expect(result.status).toBe(404);
  });
});
