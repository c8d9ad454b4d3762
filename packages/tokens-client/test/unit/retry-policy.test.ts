/** The retry arithmetic: backoff with jitter and Retry-After parsing. */
import { describe, expect, it } from "vitest";
import { backoffMs, isRetryableStatus, parseRetryAfter } from "../../src/retry.js";

describe("backoffMs", () => {
  it("doubles from 0.5 s up to 8 s", () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffMs(n, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it("takes off up to 25 % of jitter", () => {
    expect(backoffMs(0, () => 0.5)).toBe(437.5);
    expect(backoffMs(4, () => 0.999)).toBeCloseTo(6002, 0);
    for (let i = 0; i < 100; i++) {
      const ms = backoffMs(1);
      expect(ms).toBeGreaterThan(750);
      expect(ms).toBeLessThanOrEqual(1000);
    }
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-28T00:00:00Z");
  const parse = (headers: Record<string, string>) => parseRetryAfter(new Headers(headers), now);

  it("reads seconds, fractional seconds, retry-after-ms and HTTP dates", () => {
    expect(parse({ "Retry-After": "30" })).toBe(30_000);
    expect(parse({ "Retry-After": " 1.5 " })).toBe(1500);
    expect(parse({ "Retry-After-Ms": "250", "Retry-After": "30" })).toBe(250);
    expect(parse({ "Retry-After": "Sat, 28 Nov 2026 00:00:10 GMT" })).toBe(10_000);
    expect(parse({ "Retry-After": "Fri, 27 Nov 2026 23:00:00 GMT" })).toBe(0);
  });

  it("returns undefined when absent or unreadable", () => {
    expect(parse({})).toBeUndefined();
    expect(parse({ "Retry-After": "" })).toBeUndefined();
    expect(parse({ "Retry-After": "-5" })).toBeUndefined();
    expect(parse({ "Retry-After": "tomorrow" })).toBeUndefined();
  });
});

describe("isRetryableStatus", () => {
  it("is true exactly for 408, 429, 500, 502, 503, 504", () => {
    const statuses = Array.from({ length: 400 }, (_, i) => i + 200).filter(isRetryableStatus);
    expect(statuses).toEqual([408, 429, 500, 502, 503, 504]);
  });
});
