/**
 * The spec's error answers (picked with `Prefer: code=...` through the client's `headers` option) must come
 * out of the client as the right error class, with the status and the `detail` of the wire.
 */
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  NeuroioApiError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type TokensClient,
} from "../../src/index.js";
import { recordingClient } from "./support/recording-fetch.js";

const CASES = [
  {
    code: 400,
    errorClass: BadRequestError,
    label: "tokens.create()",
    call: (c: TokensClient) => c.tokens.create(),
  },
  {
    code: 400,
    errorClass: BadRequestError,
    label: "tokens.list()",
    call: (c: TokensClient) => c.tokens.list(),
  },
  {
    code: 401,
    errorClass: AuthenticationError,
    label: "tokens.get()",
    call: (c: TokensClient) => c.tokens.get(1),
  },
  {
    code: 403,
    errorClass: PermissionDeniedError,
    label: "tokens.delete()",
    call: (c: TokensClient) => c.tokens.delete(1),
  },
  {
    code: 404,
    errorClass: NotFoundError,
    label: "tokens.get()",
    call: (c: TokensClient) => c.tokens.get("missing"),
  },
  {
    code: 404,
    errorClass: NotFoundError,
    label: "tokens.update()",
    call: (c: TokensClient) => c.tokens.update(1, { is_active: true }),
  },
  {
    code: 429,
    errorClass: RateLimitError,
    label: "tokens.list()",
    call: (c: TokensClient) => c.tokens.list(),
  },
  {
    code: 429,
    errorClass: RateLimitError,
    label: "tokens.deleteList()",
    call: (c: TokensClient) => c.tokens.deleteList({ permanent: true }),
  },
] as const;

describe("error answers of the mock (contract)", () => {
  it.each(CASES)(
    "Prefer: code=$code on $label throws $errorClass.name",
    async ({ code, errorClass, call }) => {
      const { client, exchanges } = recordingClient({ headers: { Prefer: `code=${code}` } });
      const error = await call(client).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toBeInstanceOf(NeuroioApiError);
      expect(exchanges).toHaveLength(1);
      expect(exchanges[0]?.responseHeaders.get("sl-violations")).toBeNull();
      const apiError = error as NeuroioApiError;
      expect(apiError.status).toBe(code);
      expect(apiError.body).toEqual(exchanges[0]?.responseJson);
      const wire = exchanges[0]?.responseJson as { detail?: unknown } | undefined;
      const wireDetail = wire?.detail;
      expect(apiError.detail).toBe(typeof wireDetail === "string" ? wireDetail : undefined);
    },
  );

  it("a 429 carries the Retry-After of the spec, in milliseconds", async () => {
    const { client } = recordingClient({ headers: { Prefer: "code=429" } });
    await expect(client.tokens.get(1)).rejects.toMatchObject({ status: 429, retryAfterMs: 30_000 });
  });
});
