/** How the console writes tokens' fields: dates, kinds, and masked keys. */

/** What the table needs of a token; the client's `Token` type fits it. */
export interface TokenView {
  readonly id: number;
  readonly key: string;
  readonly is_active: boolean;
  readonly created: string;
  readonly expires: string | null;
}

/**
 * Writes an ISO date-time as `YYYY-MM-DD HH:MM UTC`: the same text on every machine and in every locale,
 * so screenshots and tests agree. A value that is not a date is shown as it came.
 */
export function formatDateTime(value: string | null): string {
  if (value === null) return "never";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** `permanent` for a token that never expires, `temporary` otherwise. */
export function tokenKind(token: Pick<TokenView, "expires">): "permanent" | "temporary" {
  return token.expires === null ? "permanent" : "temporary";
}

/**
 * A token key as the list shows it: the first and last four characters only, since a key is a secret.
 * The key of the token this console is signed in with is never shown, not even in part.
 */
export function maskKey(key: string, apiToken: string | undefined): string {
  if (apiToken !== undefined && key === apiToken) return "•••• (this console's token)";
  if (key.length <= 12) return "••••";
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}
