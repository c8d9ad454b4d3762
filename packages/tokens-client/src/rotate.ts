/**
 * Token rotation: create a new token, switch to it, retire the old one, and never lose a working token.
 * @module
 */
import { NeuroioError } from "./errors.js";
import type { TokensResource } from "./tokens.js";
import type { Transport } from "./transport.js";
import type { RequestOptions, RotateOptions, Token } from "./types.js";
import { assertApiToken, assertBoolean, assertObject, assertRequestOptions, fail } from "./validate.js";

/** The operations rotation needs. */
export type RotationOperations = Pick<TokensResource, "create" | "update" | "delete">;

/**
 * Rotates the client's token; see `TokensResource.rotate()`.
 * @throws the error of the failed step; after the switch it carries the new token as `newToken`.
 */
export async function rotate(
  tokens: RotationOperations,
  transport: Transport,
  options: RotateOptions | undefined,
  requestOptions: RequestOptions | undefined,
): Promise<Token> {
  assertObject(options, "options");
  const { permanent = false, retire = "deactivate" } = options ?? {};
  assertBoolean(permanent, "options.permanent");
  if (retire !== "deactivate" && retire !== "delete")
    fail("options.retire", 'must be "deactivate" or "delete"');
  assertRequestOptions(requestOptions);

  const oldKey = transport.token;
  const created = await tokens.create({ permanent }, requestOptions);
  try {
    // Unusable as a header value: the old key stays, but the created token is handed back all the same.
    assertApiToken(created.key, "the new token's key");
    transport.setToken(created.key);
    await (retire === "delete"
      ? tokens.delete(oldKey, requestOptions)
      : tokens.update(oldKey, { is_active: false }, requestOptions));
  } catch (error) {
    // Non-enumerable, so that logging the error does not leak the new key.
    const target =
      error instanceof NeuroioError
        ? error
        : new NeuroioError("retiring the old token failed after the new one was created", { cause: error });
    throw Object.defineProperty(target, "newToken", { value: created, configurable: true });
  }
  return created;
}
