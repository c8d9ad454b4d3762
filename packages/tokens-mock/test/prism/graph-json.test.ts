/**
 * The encoding of the spec cache (src/prism/graph-json.ts): what it gives back must be the graph it was given,
 * shared objects and cycles included, or nothing is stored.
 */
import { describe, expect, it } from "vitest";
import { decodeGraph, encodeGraph } from "../../src/prism/graph-json.js";

const roundTrip = (value: unknown): unknown => {
  const text = encodeGraph(value);
  if (text === undefined) throw new Error("not encodable");
  return decodeGraph(text);
};

describe("encodeGraph / decodeGraph", () => {
  it("gives back plain data with its key order, undefined values and non-ASCII text", () => {
    const value = {
      z: 1,
      a: [1, "two", null, true, undefined, { ключ: "значение 🎉" }],
      m: undefined,
      "10": "integer keys first, as in any object",
      nested: { deeper: { deepest: [[], {}] } },
    };
    const back = roundTrip(value) as Record<string, unknown>;
    expect(back).toStrictEqual(value);
    expect(Object.keys(back)).toEqual(Object.keys(value));
    expect(Object.hasOwn(back, "m")).toBe(true);
    expect((back.a as unknown[]).length).toBe(6);
  });

  it("keeps an object reached twice as one object, and a cycle as a cycle", () => {
    const schema: Record<string, unknown> = { type: "object", properties: {} };
    (schema.properties as Record<string, unknown>).self = schema;
    const value = [{ request: schema }, { response: schema, list: [schema, schema] }];
    const back = roundTrip(value) as [{ request: unknown }, { response: unknown; list: unknown[] }];
    expect(back[0].request).toBe(back[1].response);
    expect(back[1].list[0]).toBe(back[0].request);
    const decoded = back[0].request as { properties: { self: unknown } };
    expect(decoded.properties.self).toBe(decoded);
    expect(decoded).not.toBe(schema);
  });

  it("keeps a root that is part of a cycle", () => {
    const root: Record<string, unknown> = { name: "root" };
    root.me = root;
    const back = roundTrip(root) as Record<string, unknown>;
    expect(back.me).toBe(back);
  });

  it.each([
    ["a class instance", { when: new Date(0) }],
    ["a Map", [new Map()]],
    ["a null-prototype object", { inner: Object.create(null) }],
    ["a function", { f: () => 1 }],
    ["NaN", [Number.NaN]],
    ["Infinity", { n: Number.POSITIVE_INFINITY }],
    ["-0", { n: -0 }],
    ["a bigint", { n: 1n }],
    ["a symbol key", { [Symbol("s")]: 1 }],
    ["an array with a hole", new Array(3)],
    ["an object shaped like the marker", { "\u0000": 1 }],
    ["a __proto__ key", JSON.parse('{"__proto__": {"polluted": true}}')],
    ["a hidden property", Object.defineProperty({}, "hidden", { value: 1, enumerable: false })],
  ])("refuses a graph with %s", (_name, value) => {
    expect(encodeGraph(value)).toBeUndefined();
  });

  it.each([
    ["not JSON", "{"],
    ["JSON of another shape", '{"rows": []}'],
    ["a reference out of range", '{"shared": [], "root": {"\\u0000": 3}}'],
    ["a reference that is not an index", '{"shared": [{}], "root": {"\\u0000": "0"}}'],
    ["a shared entry that is not an object", '{"shared": [1], "root": {"\\u0000": 0}}'],
    ["a __proto__ key", '{"shared": [{"__proto__": {"x": 1}}], "root": {"\\u0000": 0}}'],
  ])("throws on %s", (_name, text) => {
    expect(() => decodeGraph(text)).toThrow();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
