import { describe, expect, it } from "vitest";
// @ts-expect-error plain .mjs module without declarations
import { alternatingOrders, median, percentile } from "../src/lib/stats.mjs";

describe("median", () => {
  it("takes the middle value of an odd count, unsorted input", () => {
    expect(median([5, 1, 3])).toBe(3);
  });
  it("averages the two middle values of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it("refuses an empty list", () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe("percentile (nearest rank)", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
  it("p50 and p99 of 1..100", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
  });
  it("p99 of a short list is its maximum", () => {
    expect(percentile([3, 1, 2], 99)).toBe(3);
  });
  it("refuses p outside (0, 100]", () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("alternatingOrders", () => {
  it("runs each rotation forwards then backwards", () => {
    expect(alternatingOrders(["a", "b", "c"], 4)).toEqual([
      ["a", "b", "c"],
      ["c", "b", "a"],
      ["b", "c", "a"],
      ["a", "c", "b"],
    ]);
  });
  it("puts every contender first at least once over enough rounds", () => {
    const firsts = new Set(alternatingOrders(["a", "b", "c", "d"], 8).map((order: string[]) => order[0]));
    expect(firsts).toEqual(new Set(["a", "b", "c", "d"]));
  });
});
