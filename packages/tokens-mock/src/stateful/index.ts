/**
 * The stateful mode of `@neuroio/tokens-mock`: an in-memory implementation of the tokens API that remembers
 * what was done (see issue 7), served on its own or behind Prism as a validating proxy.
 * @module
 */
export type { AuthResult } from "./auth.js";
export { authenticate, INVALID_TOKEN } from "./auth.js";
export type { StatefulBackend, StatefulBackendOptions } from "./backend.js";
export { startStatefulBackend } from "./backend.js";
export type { RequestHandler } from "./handler.js";
export { createStatefulHandler } from "./handler.js";
export type { SeedOptions, SeedResult } from "./seed.js";
export { MAX_SEED_TOKENS, seedStore, validateSeedOptions } from "./seed.js";
export { loadStateFile, STATE_FORMAT, StateFileError, saveStateFile } from "./state-file.js";
export type { Clock, ListQuery, StoredToken, StoreSnapshot, TokenStoreOptions } from "./store.js";
export {
  MAX_PERMANENT_TOKENS,
  PERMANENT_LIMIT_MESSAGE,
  PermanentTokenLimitError,
  randomTokenKey,
  TEMPORARY_TOKEN_LIFETIME_MS,
  TokenStore,
} from "./store.js";
