import { describe, expect, it } from "vitest";
import { devHeaders, isLoopbackUrl, normalizePrefer, readDevOptions } from "../../src/dev-options.js";

describe("readDevOptions", () => {
  it("is off without a prefer parameter, on with one (even empty)", () => {
    expect(readDevOptions("")).toEqual({ enabled: false, prefer: undefined });
    expect(readDevOptions("?baseUrl=x")).toEqual({ enabled: false, prefer: undefined });
    expect(readDevOptions("?prefer=")).toEqual({ enabled: true, prefer: undefined });
    expect(readDevOptions("?prefer=code%3D404")).toEqual({ enabled: true, prefer: "code=404" });
    expect(readDevOptions("?prefer=code=400,%20example=permanentLimitReached")).toEqual({
      enabled: true,
      prefer: "code=400, example=permanentLimitReached",
    });
  });
});

describe("normalizePrefer", () => {
  it("drops values a header cannot carry", () => {
    expect(normalizePrefer("  code=401 ")).toBe("code=401");
    expect(normalizePrefer("code=401\r\nX-Evil: 1")).toBeUndefined();
    expect(normalizePrefer("code=4ö4")).toBeUndefined();
    expect(normalizePrefer("x".repeat(201))).toBeUndefined();
    expect(normalizePrefer("   ")).toBeUndefined();
  });
});

describe("devHeaders", () => {
  it("sends Prefer only to a loopback base URL", () => {
    expect(devHeaders("code=404", "http://127.0.0.1:4010")).toEqual({ Prefer: "code=404" });
    expect(devHeaders("code=404", "http://localhost:4010")).toEqual({ Prefer: "code=404" });
    expect(devHeaders("code=404", "http://[::1]:4010")).toEqual({ Prefer: "code=404" });
    expect(devHeaders("code=404", "https://iam.neuroio.com")).toEqual({});
    expect(devHeaders("code=404", "http://127.0.0.1.example.com")).toEqual({});
    expect(devHeaders(undefined, "http://127.0.0.1:4010")).toEqual({});
  });

  it("does not take a malformed URL for loopback", () => {
    expect(isLoopbackUrl("not a url")).toBe(false);
  });
});
