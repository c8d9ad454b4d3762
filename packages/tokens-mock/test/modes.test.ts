import { describe, expect, it } from "vitest";
import type { MockServer } from "../src/index.js";
import { call, startTestMock } from "./support/mock.js";
import { specExample } from "./support/spec-examples.js";

async function getTwice(mock: MockServer): Promise<[unknown, unknown]> {
  try {
    const first = await call(mock, "GET", "/v1/tokens/1/");
    const second = await call(mock, "GET", "/v1/tokens/1/");
    expect(first.headers.get("sl-violations")).toBeNull();
    return [first.json, second.json];
  } finally {
    await mock.close();
  }
}

const TOKEN_KEYS = ["created", "expires", "id", "is_active", "key"];

describe("static, dynamic and seeded output", () => {
  it("static (default) answers the spec's example every time", async () => {
    const [first, second] = await getTwice(await startTestMock());
    // The example of the token asked for (id 1 is the spec's permanent token), not merely the first one.
    expect(first).toEqual(await specExample("getToken", "200", "permanent"));
    expect(second).toEqual(first);
  });

  it("dynamic generates schema-valid tokens that differ between requests", async () => {
    const [first, second] = await getTwice(await startTestMock({ dynamic: true }));
    expect(Object.keys(first as object).sort()).toEqual(TOKEN_KEYS);
    expect(first).not.toEqual(await specExample("getToken", "200"));
    expect(second).not.toEqual(first);
  });

  it("a seed gives the same generated body on every request and in every run", async () => {
    const [first, second] = await getTwice(await startTestMock({ seed: "frontend-demo" }));
    const [again] = await getTwice(await startTestMock({ seed: "frontend-demo" }));
    const [other] = await getTwice(await startTestMock({ seed: "another-seed" }));
    expect(Object.keys(first as object).sort()).toEqual(TOKEN_KEYS);
    expect(second).toEqual(first);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });
});
