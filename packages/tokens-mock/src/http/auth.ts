import { parseAuthorization } from "../stateful/auth.js";

// One reading of `Authorization` for both modes: the API's own, kept with the in-memory API.
export { AUTHENTICATE_CHALLENGE, type AuthorizationResult, parseAuthorization } from "../stateful/auth.js";

/**
 * Checks `Authorization` with {@link parseAuthorization}.
 * @returns The `detail` of the 401, or `undefined` when the header is well-formed.
 */
export function authorizationProblem(header: string | undefined): string | undefined {
  const parsed = parseAuthorization(header);
  return parsed.ok ? undefined : parsed.detail;
}
