import {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NeuroioAbortError,
  NeuroioApiError,
  NeuroioConnectionError,
  NeuroioError,
  NeuroioTimeoutError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "@neuroio/tokens-client";
import { describe, expect, it } from "vitest";
import { describeBody, describeError } from "../../src/describe-error.js";

// `as const`: the client types `method` with its `Method` union.
const call = { method: "POST", path: "/v1/tokens/" } as const;
const context = { action: "create a token", baseUrl: "http://127.0.0.1:4010" };

/** An API error of class `type` as the client builds it. */
function apiError<T extends NeuroioApiError>(
  type: new (message: string, init: ConstructorParameters<typeof NeuroioApiError>[1]) => T,
  status: number,
  body: unknown,
  retryAfterMs?: number,
): T {
  const detail =
    typeof body === "object" && body !== null && "detail" in body ? String(body.detail) : undefined;
  return new type(`${status} ${call.method} ${call.path}`, {
    ...call,
    status,
    body,
    detail,
    headers: {},
    retryAfterMs,
  });
}

describe("describeError", () => {
  it("names each HTTP status class and keeps the server's detail", () => {
    const cases = [
      [AuthenticationError, 401, "not authorised (401)"],
      [PermissionDeniedError, 403, "forbidden (403)"],
      [NotFoundError, 404, "not found (404)"],
      [BadRequestError, 400, "refused (400)"],
      [UnprocessableEntityError, 422, "refused (422)"],
      [RateLimitError, 429, "too many requests (429)"],
      [InternalServerError, 503, "server error (503)"],
      [NeuroioApiError, 418, "HTTP error (418)"],
    ] as const;
    for (const [type, status, words] of cases) {
      const message = describeError(apiError(type, status, { detail: "Said the server." }), context);
      expect(message.summary).toBe(`Could not create a token: ${words}`);
      expect(message.detail).toBe("Said the server.");
    }
  });

  it("explains a 400 on a permanent create as the 5-token limit, and only then", () => {
    const error = apiError(BadRequestError, 400, { detail: "You can't have more than 5 permanent tokens." });
    expect(describeError(error, { ...context, creatingPermanent: true }).hint).toMatch(/at most 5 permanent/);
    expect(describeError(error, { ...context, creatingPermanent: false }).hint).toBeUndefined();
  });

  it("turns field errors into one line when there is no detail", () => {
    const error = apiError(BadRequestError, 400, { permanent: ["Must be a valid boolean."] });
    expect(describeError(error, context).detail).toBe("permanent: Must be a valid boolean.");
  });

  it("falls back to the request line for an empty body", () => {
    expect(describeError(apiError(InternalServerError, 502, undefined), context).detail).toBe(
      "POST /v1/tokens/ answered 502.",
    );
  });

  it("says how long to wait on a 429 with Retry-After", () => {
    const error = apiError(RateLimitError, 429, { detail: "Request was throttled." }, 30_000);
    expect(describeError(error, context).hint).toBe("Wait 30 s before trying again.");
  });

  it("describes connection failures, timeouts, aborts and invalid input", () => {
    const refused = describeError(
      new NeuroioConnectionError(call, new TypeError("Failed to fetch")),
      context,
    );
    expect(refused.summary).toBe("Could not create a token: cannot reach http://127.0.0.1:4010");
    expect(describeError(new NeuroioTimeoutError(call, 1500), context).summary).toBe(
      "Could not create a token: no answer from http://127.0.0.1:4010 within 1.5 s",
    );
    expect(describeError(new NeuroioAbortError(call, undefined), context).summary).toBe(
      "Could not create a token: cancelled",
    );
    const invalid = describeError(new NeuroioError("limit must be a positive integer"), context);
    expect([invalid.summary, invalid.detail]).toEqual([
      "Could not create a token: invalid input",
      "limit must be a positive integer",
    ]);
  });

  it("still says something for errors that are not the client's", () => {
    expect(describeError(new RangeError("boom"), context)).toEqual({
      summary: "Could not create a token: unexpected error",
      detail: "boom",
      hint: undefined,
    });
    expect(describeError("a string", context).detail).toBe("a string");
  });
});

describe("describeBody", () => {
  it("reads text, field errors, and nothing else", () => {
    expect(describeBody("  Bad Gateway \n")).toBe("Bad Gateway");
    expect(describeBody("")).toBeUndefined();
    expect(describeBody({ a: ["x", "y"], b: "z" })).toBe("a: x y; b: z");
    expect(describeBody({})).toBeUndefined();
    expect(describeBody([1, 2])).toBeUndefined();
    expect(describeBody(null)).toBeUndefined();
  });
});
