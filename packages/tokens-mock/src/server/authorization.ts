import type { IncomingHttpHeaders } from "node:http";
import { parseAuthorization } from "../stateful/auth.js";

/** What the 401 hints say: the one form of credentials the API reads. */
const SEND_TOKEN = 'Send "Authorization: Token <key>" (the word Token, one space, the key).';

/**
 * Checks the credentials of a request by the API's own reading of `Authorization` (exactly `Token <key>`;
 * Prism would accept any value). Without `Authorization`, a `token:` header (what the old official JavaScript
 * SDK's factory sends) gets a hint to send `Authorization` instead. No detail repeats a header.
 * @returns The `detail` of the 401, or `undefined` when `Authorization` is well-formed.
 */
export function authorizationProblem(headers: IncomingHttpHeaders): string | undefined {
  const parsed = parseAuthorization(headers.authorization);
  if (parsed.ok) return undefined;
  if (headers.authorization === undefined && headers.token !== undefined) {
    return `Authentication credentials were not provided. A "token" header is not read: ${SEND_TOKEN}`;
  }
  return parsed.detail;
}
