import { describe, expect, it } from "vitest";
import { serializeBody, takeJsonText } from "../../src/prism/json-text.js";

describe("the body text shared by the response check and the reply", () => {
  it("hands the reply the text the check made, once; a body changed since is serialized afresh", () => {
    const body = { results: [{ id: 1 }] };
    expect(serializeBody(body)).toBe('{"results":[{"id":1}]}');
    expect(takeJsonText(body)).toBe('{"results":[{"id":1}]}');
    body.results.push({ id: 2 });
    expect(takeJsonText(body)).toBe('{"results":[{"id":1},{"id":2}]}');
  });

  it("serializes bodies the check never saw, and scalars", () => {
    expect(takeJsonText({ detail: "Not found." })).toBe('{"detail":"Not found."}');
    expect(serializeBody("text")).toBe('"text"');
    expect(takeJsonText(null)).toBe("null");
    expect(serializeBody(undefined)).toBeUndefined();
  });
});
