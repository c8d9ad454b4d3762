/**
 * `@neuroio/tokens-client`: the typed client of the NeuroIO tokens API, built on openapi-fetch over the
 * types generated from the spec. Typed errors, per-attempt timeouts, safe retries, pagination, rotation.
 * @module
 */
export { createTokensClient, type TokensClient } from "./client.js";
export {
  AuthenticationError,
  BadRequestError,
  type CallInfo,
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
} from "./errors.js";
export type { components, operations, paths } from "./generated/schema.js";
export type { TokensResource } from "./tokens.js";
export type {
  CreateTokenParams,
  DeleteTokensParams,
  FetchLike,
  ListAllTokensParams,
  ListTokensParams,
  RawClient,
  RequestOptions,
  RetireMode,
  RotateOptions,
  Token,
  TokenIdOrKey,
  TokensClientOptions,
  UpdateTokenParams,
} from "./types.js";
