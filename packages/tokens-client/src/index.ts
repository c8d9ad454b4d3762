/**
 * `@neuroio/tokens-client`: the typed client of the NeuroIO tokens API, built on openapi-fetch over the
 * types generated from the spec. Typed errors, per-attempt timeouts, safe retries, pagination, rotation, a token keeper.
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
  NeuroioRequestError,
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
  KeepFreshOptions,
  ListAllTokensParams,
  ListTokensParams,
  Method,
  RawClient,
  RequestOptions,
  RetireMode,
  RotateOptions,
  SaveToken,
  Token,
  TokenIdOrKey,
  TokenKeeper,
  TokensClientOptions,
  UpdateTokenParams,
} from "./types.js";
