import { describe, expect, it } from "vitest";
import { call, useTestMock } from "./support/mock.js";

const ORIGIN = "http://localhost:5173";

describe("CORS", () => {
  const mock = useTestMock();

  it("answers a preflight for PATCH with Authorization without asking for a token", async () => {
    const result = await call(mock(), "OPTIONS", "/v1/tokens/1/", {
      auth: false,
      headers: {
        origin: ORIGIN,
        "access-control-request-method": "PATCH",
        "access-control-request-headers": "authorization,content-type,prefer",
      },
    });
    expect(result.status).toBe(204);
    expect(result.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(result.headers.get("access-control-allow-methods")).toContain("PATCH");
    expect(result.headers.get("access-control-allow-headers")).toBe("authorization,content-type,prefer");
    expect(result.headers.get("access-control-allow-credentials")).toBe("true");
  });

  it("lets the page read sl-violations, Retry-After and WWW-Authenticate", async () => {
    const result = await call(mock(), "POST", "/v1/tokens/", {
      body: { permanent: 1 },
      headers: { origin: ORIGIN },
    });
    expect(result.headers.get("sl-violations")).not.toBeNull();
    expect(result.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(result.headers.get("vary")).toBe("Origin");
    const exposed = (result.headers.get("access-control-expose-headers") ?? "").split(/\s*,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(["sl-violations", "retry-after", "www-authenticate"]));
  });

  it("sets CORS headers on the wrapper's own errors too", async () => {
    const result = await call(mock(), "GET", "/v1/tokens/", { auth: false, headers: { origin: ORIGIN } });
    expect(result.status).toBe(401);
    expect(result.headers.get("access-control-allow-origin")).toBe(ORIGIN);
  });

  it("allows any origin without credentials when no Origin is sent", async () => {
    const result = await call(mock(), "GET", "/v1/tokens/");
    expect(result.headers.get("access-control-allow-origin")).toBe("*");
    expect(result.headers.get("access-control-allow-credentials")).toBeNull();
  });
});
