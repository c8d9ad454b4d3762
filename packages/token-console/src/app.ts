/**
 * The console's behaviour: connect, list with filter and paging, create, activate/deactivate, delete,
 * delete many, look up; every failure becomes a readable message. The API token lives only in the
 * password input and in this module's memory: never in storage, a cookie, the URL or other DOM.
 */
import { createTokensClient, NeuroioAbortError, type Token, type TokensClient } from "@neuroio/tokens-client";
import { deleteDoneText, deleteListParams, deleteWarning, isConfirmed, parseScope } from "./delete-many.js";
import { describeError, type ErrorContext } from "./describe-error.js";
import { setupDevBar } from "./dev-bar.js";
import { type DevOptions, devHeaders } from "./dev-options.js";
import type { ConsoleElements } from "./elements.js";
import { tokenKind } from "./format.js";
import { clearMessage, showErrorMessage, showInfo as showMessageInfo } from "./messages.js";
import { renderTokenDetails, renderTokenRows, rowActionOf } from "./token-table.js";

/** A live connection: the client and what it was made from. */
interface Connection {
  readonly client: TokensClient;
  readonly baseUrl: string;
  readonly apiToken: string;
}

/** Starts the console on the elements of index.html. */
export function startConsole(ui: ConsoleElements, dev: DevOptions): void {
  let connection: Connection | undefined;
  let tokens: Token[] = [];
  let offset = 0;
  let busy = 0;
  let listAbort: AbortController | undefined;

  const filter = (): boolean | undefined => (ui.filter.value === "" ? undefined : ui.filter.value === "true");
  const limit = (): number => Number(ui.pageSize.value);

  const currentPrefer = setupDevBar(ui, dev, (prefer) => {
    // The client's headers are fixed when it is made: make a new one with the new `Prefer`.
    if (connection !== undefined)
      connection = openConnection(connection.baseUrl, connection.apiToken, prefer);
  });

  /** Enables the action buttons only with a connection and no action in flight. */
  function refreshControls(): void {
    const enabled = connection !== undefined && busy === 0;
    for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-needs-client]")) {
      button.disabled = !enabled;
    }
    ui.prev.disabled = !enabled || offset === 0;
    ui.next.disabled = !enabled || tokens.length < limit();
    document.body.setAttribute("aria-busy", String(busy > 0));
    // Retries can take seconds (a refused connection, a 429's Retry-After): say that something is going on.
    ui.busy.hidden = busy === 0;
  }

  const showInfo = (text: string): void => showMessageInfo(ui.message, text);

  function showError(error: unknown, context: Omit<ErrorContext, "baseUrl">): void {
    const baseUrl = connection?.baseUrl ?? ui.baseUrl.value;
    showErrorMessage(ui.message, describeError(error, { ...context, baseUrl }));
  }

  /**
   * Runs one user action with the controls disabled; its error, if any, is shown as a message.
   * Returns whether the action succeeded.
   */
  async function run(
    context: Omit<ErrorContext, "baseUrl">,
    action: (client: TokensClient) => Promise<void>,
  ): Promise<boolean> {
    if (connection === undefined) return false;
    busy += 1;
    refreshControls();
    try {
      await action(connection.client);
      return true;
    } catch (error) {
      // A list load replaced by a newer one is not a failure the user needs to see.
      if (!(error instanceof NeuroioAbortError)) showError(error, context);
      return false;
    } finally {
      busy -= 1;
      refreshControls();
    }
  }

  function renderTokens(): void {
    renderTokenRows(ui.tokenRows, tokens, connection?.apiToken);
    ui.empty.hidden = tokens.length > 0;
    ui.empty.textContent = connection === undefined ? "Connect to list tokens." : "No tokens on this page.";
    const page = Math.floor(offset / limit()) + 1;
    ui.pageInfo.textContent =
      tokens.length === 0 ? `Page ${page}` : `Page ${page} · tokens ${offset + 1}–${offset + tokens.length}`;
    refreshControls();
  }

  /** Loads the page starting at `newOffset` with the current filter and page size. */
  async function loadPage(newOffset: number): Promise<boolean> {
    listAbort?.abort();
    const abort = new AbortController();
    listAbort = abort;
    return run({ action: "load tokens" }, async (client) => {
      const page = await client.tokens.list(
        { permanent: filter(), limit: limit(), offset: newOffset },
        { signal: abort.signal },
      );
      tokens = page;
      offset = newOffset;
      renderTokens();
    });
  }

  async function connect(): Promise<void> {
    const baseUrl = ui.baseUrl.value.trim();
    const apiToken = ui.apiToken.value.trim();
    const problem = validateConnection(baseUrl, apiToken);
    if (problem !== undefined) {
      showErrorMessage(ui.message, {
        summary: "Could not connect: check the form",
        detail: problem,
        hint: undefined,
      });
      return;
    }
    try {
      connection = openConnection(baseUrl, apiToken, currentPrefer());
    } catch (error) {
      connection = undefined;
      showError(error, { action: "connect" });
      return;
    }
    // Clear the previous connection's page now: if this list fails, none of its rows may stay clickable.
    tokens = [];
    offset = 0;
    renderTokens();
    clearMessage(ui.message);
    if (await loadPage(0)) showInfo(`Connected to ${baseUrl}.`);
  }

  function forget(): void {
    listAbort?.abort();
    connection = undefined;
    ui.apiToken.value = "";
    tokens = [];
    offset = 0;
    hideNewToken();
    ui.lookupResult.hidden = true;
    ui.lookupResult.replaceChildren();
    renderTokens();
    showInfo("The token is forgotten. Enter one to connect again.");
  }

  function showNewToken(token: Token): void {
    ui.newTokenKind.textContent = tokenKind(token);
    ui.newTokenId.textContent = `#${token.id}`;
    ui.newTokenKey.textContent = token.key;
    ui.newToken.hidden = false;
  }

  function hideNewToken(): void {
    ui.newTokenKey.textContent = "";
    ui.newToken.hidden = true;
  }

  async function create(permanent: boolean): Promise<void> {
    const kind = permanent ? "permanent" : "temporary";
    const created = await run(
      { action: `create a ${kind} token`, creatingPermanent: permanent },
      async (c) => {
        const token = await c.tokens.create({ permanent });
        showNewToken(token);
        showInfo(`Created ${tokenKind(token)} token ${token.id}.`);
      },
    );
    if (created) await loadPage(offset);
  }

  async function toggle(id: number): Promise<void> {
    const current = tokens.find((token) => token.id === id);
    const activate = current !== undefined && !current.is_active;
    await run({ action: `${activate ? "activate" : "deactivate"} token ${id}` }, async (client) => {
      const updated = await client.tokens.update(id, { is_active: activate });
      // Show what the server answered, not what was asked: that is the token's real state.
      tokens = tokens.map((token) => (token.id === updated.id ? updated : token));
      renderTokens();
      showInfo(`${updated.is_active ? "Activated" : "Deactivated"} token ${updated.id}.`);
    });
  }

  async function remove(id: number): Promise<void> {
    const removed = await run({ action: `delete token ${id}` }, async (client) => {
      await client.tokens.delete(id);
      showInfo(`Deleted token ${id}.`);
    });
    if (removed) await loadPage(tokens.length === 1 && offset > 0 ? Math.max(0, offset - limit()) : offset);
  }

  function openDeleteMany(): void {
    ui.deleteManyConfirm.value = "";
    ui.deleteManySubmit.disabled = true;
    updateDeleteWarning();
    ui.deleteManyDialog.showModal();
    ui.deleteManyConfirm.focus();
  }

  function selectedScope() {
    return parseScope(new FormData(ui.deleteManyForm).get("scope"));
  }

  function updateDeleteWarning(): void {
    ui.deleteManyWarning.textContent = deleteWarning(selectedScope());
  }

  async function deleteMany(): Promise<void> {
    const scope = selectedScope();
    const deleted = await run(
      { action: `delete ${scope === "all" ? "every" : `every ${scope}`} token` },
      (c) => c.tokens.deleteList(deleteListParams(scope)),
    );
    if (!deleted) return;
    showInfo(deleteDoneText(scope));
    if (scope === "all") {
      // The console's own token is gone too: listing again could only fail with 401.
      tokens = [];
      offset = 0;
      renderTokens();
      return;
    }
    await loadPage(0);
  }

  async function lookup(): Promise<void> {
    const raw = ui.lookupId.value.trim();
    const idOrKey = /^[1-9]\d*$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : raw;
    ui.lookupResult.hidden = true;
    await run({ action: `look up token ${typeof idOrKey === "number" ? idOrKey : "by key"}` }, async (c) => {
      const token = await c.tokens.get(idOrKey);
      renderTokenDetails(ui.lookupResult, token, connection?.apiToken);
      ui.lookupResult.hidden = false;
      showInfo(`Found token ${token.id}.`);
    });
  }

  ui.connectionForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void connect();
  });
  ui.forget.addEventListener("click", forget);
  ui.refresh.addEventListener("click", () => void loadPage(offset));
  ui.filter.addEventListener("change", () => void loadPage(0));
  ui.pageSize.addEventListener("change", () => void loadPage(0));
  ui.prev.addEventListener("click", () => void loadPage(Math.max(0, offset - limit())));
  ui.next.addEventListener("click", () => void loadPage(offset + limit()));
  ui.createTemporary.addEventListener("click", () => void create(false));
  ui.createPermanent.addEventListener("click", () => void create(true));
  ui.copyNewToken.addEventListener("click", () => {
    navigator.clipboard.writeText(ui.newTokenKey.textContent ?? "").then(
      () => showInfo("Copied the new key."),
      () => showInfo("Copying was refused by the browser: select the key and copy it by hand."),
    );
  });
  ui.dismissNewToken.addEventListener("click", hideNewToken);
  ui.tokenRows.addEventListener("click", (event) => {
    const row = rowActionOf(event.target);
    if (row?.action === "toggle") void toggle(row.id);
    if (row?.action === "delete") void remove(row.id);
  });
  ui.deleteMany.addEventListener("click", openDeleteMany);
  ui.deleteManyForm.addEventListener("change", updateDeleteWarning);
  ui.deleteManyConfirm.addEventListener("input", () => {
    ui.deleteManySubmit.disabled = !isConfirmed(ui.deleteManyConfirm.value);
  });
  // "submit" (not the dialog's later "close" event) so the delete starts in the same task as the click.
  ui.deleteManyForm.addEventListener("submit", (event) => {
    const submitter = event.submitter;
    const confirmed = submitter instanceof HTMLButtonElement && submitter.value === "confirm";
    if (confirmed && isConfirmed(ui.deleteManyConfirm.value)) void deleteMany();
  });
  ui.lookupForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void lookup();
  });
  renderTokens();
}

/** Makes the client for a base URL and token, with the dev-only `Prefer` header when one is set. */
function openConnection(baseUrl: string, apiToken: string, prefer: string | undefined): Connection {
  const client = createTokensClient({ baseUrl, apiToken, headers: devHeaders(prefer, baseUrl) });
  return { client, baseUrl, apiToken };
}

/** Why a base URL and token cannot be used, or `undefined` when they look right. */
export function validateConnection(baseUrl: string, apiToken: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `"${baseUrl}" is not a URL; enter one like http://127.0.0.1:4010.`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return "The base URL must start with http:// or https://.";
  if (apiToken === "") return "Enter an API token.";
  return undefined;
}
