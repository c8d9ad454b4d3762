/** Renders tokens: a page as table rows with their action buttons, and one token as a list of fields. */
import { h } from "./dom.js";
import { formatDateTime, maskKey, type TokenView, tokenKind } from "./format.js";

/** What a row button asks for; read back from its `data-action` and `data-id` attributes. */
export interface RowAction {
  readonly action: "toggle" | "delete";
  readonly id: number;
}

/** Replaces the rows of `tbody` with one row per token; `apiToken` is the key never to show. */
export function renderTokenRows(
  tbody: HTMLTableSectionElement,
  tokens: readonly TokenView[],
  apiToken: string | undefined,
): void {
  tbody.replaceChildren(...tokens.map((token) => renderRow(token, apiToken)));
}

/** One row: id, masked key, kind, status, dates and the two action buttons. */
function renderRow(token: TokenView, apiToken: string | undefined): HTMLTableRowElement {
  const status = token.is_active ? "active" : "inactive";
  const id = String(token.id);
  return h(
    "tr",
    { "data-token-id": id, class: token.is_active ? "" : "inactive" },
    h("td", {}, id),
    h("td", { class: "key" }, maskKey(token.key, apiToken)),
    h("td", {}, tokenKind(token)),
    h("td", {}, h("span", { class: `badge ${status}` }, status)),
    h("td", {}, formatDateTime(token.created)),
    h("td", {}, formatDateTime(token.expires)),
    h(
      "td",
      { class: "actions" },
      h(
        "button",
        { type: "button", "data-action": "toggle", "data-id": id, "data-needs-client": "" },
        token.is_active ? "Deactivate" : "Activate",
      ),
      h(
        "button",
        { type: "button", class: "danger", "data-action": "delete", "data-id": id, "data-needs-client": "" },
        "Delete",
      ),
    ),
  );
}

/** Replaces the content of a `<dl>` with one token's fields, its key masked like in the table. */
export function renderTokenDetails(
  list: HTMLDListElement,
  token: TokenView,
  apiToken: string | undefined,
): void {
  const fields: Array<[string, string]> = [
    ["ID", String(token.id)],
    ["Key", maskKey(token.key, apiToken)],
    ["Kind", tokenKind(token)],
    ["Status", token.is_active ? "active" : "inactive"],
    ["Created", formatDateTime(token.created)],
    ["Expires", formatDateTime(token.expires)],
  ];
  list.replaceChildren(...fields.flatMap(([name, value]) => [h("dt", {}, name), h("dd", {}, value)]));
}

/** The action of a clicked row button, or `undefined` when the click was elsewhere. */
export function rowActionOf(target: EventTarget | null): RowAction | undefined {
  if (!(target instanceof Element)) return undefined;
  const button = target.closest("button[data-action]");
  const action = button?.getAttribute("data-action");
  const id = Number(button?.getAttribute("data-id"));
  if ((action !== "toggle" && action !== "delete") || !Number.isSafeInteger(id)) return undefined;
  return { action, id };
}
