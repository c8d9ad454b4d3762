/** The "delete many" choices: what each one deletes, the warning shown, and the client call's arguments. */
import type { DeleteTokensParams } from "@neuroio/tokens-client";

/** Which tokens a bulk delete removes. */
export type DeleteScope = "temporary" | "permanent" | "all";

/** The word the user must type to confirm a bulk delete. */
export const CONFIRM_WORD = "delete";

/** The arguments of `client.tokens.deleteList()` for a scope. */
export function deleteListParams(scope: DeleteScope): DeleteTokensParams {
  if (scope === "all") return { all: true };
  return { permanent: scope === "permanent" };
}

/** What the dialog warns about before a bulk delete of this scope. */
export function deleteWarning(scope: DeleteScope): string {
  switch (scope) {
    case "temporary":
      return "Every temporary token of this account or space is deleted; apps using one stop working.";
    case "permanent":
      return "Every permanent token of this account or space is deleted; apps using one stop working.";
    case "all":
      return "EVERY token is deleted, the one this console uses included: the console stops working at once.";
  }
}

/** What the page says once a bulk delete of this scope succeeded. */
export function deleteDoneText(scope: DeleteScope): string {
  return scope === "all" ? "Deleted every token." : `Deleted every ${scope} token.`;
}

/** Reads a scope from the dialog's radio value; anything unexpected falls back to the narrowest scope. */
export function parseScope(value: unknown): DeleteScope {
  return value === "permanent" || value === "all" ? value : "temporary";
}

/** Whether the confirmation field holds the confirm word (case and surrounding spaces ignored). */
export function isConfirmed(text: string): boolean {
  return text.trim().toLowerCase() === CONFIRM_WORD;
}
