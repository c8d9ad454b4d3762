import { describe, expect, it } from "vitest";
import { formatDateTime, maskKey, tokenKind } from "../../src/format.js";

describe("formatDateTime", () => {
  it("writes UTC minutes whatever the offset, 'never' for null, and odd values as they are", () => {
    expect(formatDateTime("2026-11-27T10:00:00Z")).toBe("2026-11-27 10:00 UTC");
    expect(formatDateTime("2026-11-27T12:30:59+02:00")).toBe("2026-11-27 10:30 UTC");
    expect(formatDateTime(null)).toBe("never");
    expect(formatDateTime("soon")).toBe("soon");
  });
});

describe("tokenKind", () => {
  it("is permanent exactly when the token never expires", () => {
    expect(tokenKind({ expires: null })).toBe("permanent");
    expect(tokenKind({ expires: "2026-11-28T10:00:00Z" })).toBe("temporary");
  });
});

describe("maskKey", () => {
  const key = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b";

  it("shows only the ends of a key", () => {
    expect(maskKey(key, undefined)).toBe("9944…ee4b");
    expect(maskKey("short-key", undefined)).toBe("••••");
  });

  it("shows nothing of the console's own token", () => {
    const masked = maskKey(key, key);
    expect(masked).toBe("•••• (this console's token)");
    expect(masked).not.toContain("9944");
  });
});
