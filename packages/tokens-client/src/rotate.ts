/**
 * Token rotation: create a new token, switch to it, retire the old one, and never lose a working token.
 * @module
 */
import { NeuroioError } from "./errors.js";
import type { Transport } from "./transport.js";
import type { RequestOptions, RotateOptions, Token, TokenIdOrKey, UpdateTokenParams } from "./types.js";
import { assertApiToken, assertBoolean, assertObject, assertRequestOptions } from "./validate.js";

/** The operations rotation needs (the `TokensResource`). */
export interface RotationOperations {
  create(params: { permanent: boolean }, options?: RequestOptions): Promise<Token>;
  update(idOrKey: TokenIdOrKey, params: UpdateTokenParams, options?: RequestOptions): Promise<Token>;
  delete(idOrKey: TokenIdOrKey, options?: RequestOptions): Promise<void>;
}

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
  const permanent = options?.permanent ?? false;
  const retire = options?.retire ?? "deactivate";
  assertBoolean(permanent, "options.permanent");
  if (retire !== "deactivate" && retire !== "delete") {
    throw new NeuroioError('options.retire must be "deactivate" or "delete"');
  }
  assertRequestOptions(requestOptions);

  const oldKey = transport.token;
  const created = await tokens.create({ permanent }, requestOptions);
  try {
    assertApiToken(created.key, "the new token's key");
  } catch (error) {
    // Unusable as a header value: keep the old key, but hand the created token back all the same.
    throw withNewToken(error, created);
  }
  transport.setToken(created.key);
  try {
    if (retire === "delete") await tokens.delete(oldKey, requestOptions);
    else await tokens.update(oldKey, { is_active: false }, requestOptions);
  } catch (error) {
    throw withNewToken(error, created);
  }
  return created;
}

/** `error` as a `NeuroioError` carrying `newToken`, non-enumerable so that logging the error does not leak it. */
function withNewToken(error: unknown, newToken: Token): NeuroioError {
  const target =
    error instanceof NeuroioError
      ? error
      : new NeuroioError("retiring the old token failed after the new one was created", { cause: error });
  Object.defineProperty(target, "newToken", { value: newToken, enumerable: false, configurable: true });
  return target;
}
