/** The elements of index.html the console drives, found once and checked for their kind. */
import { requireElement } from "./dom.js";

/** Every element the console reads or writes. */
export interface ConsoleElements {
  readonly devBar: HTMLFormElement;
  readonly devPrefer: HTMLInputElement;
  readonly devBarState: HTMLSpanElement;
  readonly connectionForm: HTMLFormElement;
  readonly baseUrl: HTMLInputElement;
  readonly apiToken: HTMLInputElement;
  readonly forget: HTMLButtonElement;
  readonly message: HTMLDivElement;
  readonly filter: HTMLSelectElement;
  readonly pageSize: HTMLSelectElement;
  readonly refresh: HTMLButtonElement;
  readonly busy: HTMLSpanElement;
  readonly createTemporary: HTMLButtonElement;
  readonly createPermanent: HTMLButtonElement;
  readonly deleteMany: HTMLButtonElement;
  readonly newToken: HTMLDivElement;
  readonly newTokenKind: HTMLSpanElement;
  readonly newTokenId: HTMLElement;
  readonly newTokenKey: HTMLElement;
  readonly copyNewToken: HTMLButtonElement;
  readonly dismissNewToken: HTMLButtonElement;
  readonly tokenRows: HTMLTableSectionElement;
  readonly empty: HTMLParagraphElement;
  readonly prev: HTMLButtonElement;
  readonly next: HTMLButtonElement;
  readonly pageInfo: HTMLSpanElement;
  readonly lookupForm: HTMLFormElement;
  readonly lookupId: HTMLInputElement;
  readonly lookupResult: HTMLDListElement;
  readonly deleteManyDialog: HTMLDialogElement;
  readonly deleteManyForm: HTMLFormElement;
  readonly deleteManyWarning: HTMLParagraphElement;
  readonly deleteManyConfirm: HTMLInputElement;
  readonly deleteManySubmit: HTMLButtonElement;
}

/** Finds the console's elements in the current document; throws if index.html lacks one. */
export function findElements(): ConsoleElements {
  const table = requireElement("tokens", HTMLTableElement);
  const tokenRows = table.tBodies[0];
  if (tokenRows === undefined) throw new Error("#tokens has no <tbody>");
  return {
    devBar: requireElement("dev-bar", HTMLFormElement),
    devPrefer: requireElement("dev-prefer", HTMLInputElement),
    devBarState: requireElement("dev-bar-state", HTMLSpanElement),
    connectionForm: requireElement("connection-form", HTMLFormElement),
    baseUrl: requireElement("base-url", HTMLInputElement),
    apiToken: requireElement("api-token", HTMLInputElement),
    forget: requireElement("forget", HTMLButtonElement),
    message: requireElement("message", HTMLDivElement),
    filter: requireElement("filter", HTMLSelectElement),
    pageSize: requireElement("page-size", HTMLSelectElement),
    refresh: requireElement("refresh", HTMLButtonElement),
    busy: requireElement("busy", HTMLSpanElement),
    createTemporary: requireElement("create-temporary", HTMLButtonElement),
    createPermanent: requireElement("create-permanent", HTMLButtonElement),
    deleteMany: requireElement("delete-many", HTMLButtonElement),
    newToken: requireElement("new-token", HTMLDivElement),
    newTokenKind: requireElement("new-token-kind", HTMLSpanElement),
    newTokenId: requireElement("new-token-id", HTMLElement),
    newTokenKey: requireElement("new-token-key", HTMLElement),
    copyNewToken: requireElement("copy-new-token", HTMLButtonElement),
    dismissNewToken: requireElement("dismiss-new-token", HTMLButtonElement),
    tokenRows,
    empty: requireElement("empty", HTMLParagraphElement),
    prev: requireElement("prev", HTMLButtonElement),
    next: requireElement("next", HTMLButtonElement),
    pageInfo: requireElement("page-info", HTMLSpanElement),
    lookupForm: requireElement("lookup-form", HTMLFormElement),
    lookupId: requireElement("lookup-id", HTMLInputElement),
    lookupResult: requireElement("lookup-result", HTMLDListElement),
    deleteManyDialog: requireElement("delete-many-dialog", HTMLDialogElement),
    deleteManyForm: requireElement("delete-many-form", HTMLFormElement),
    deleteManyWarning: requireElement("delete-many-warning", HTMLParagraphElement),
    deleteManyConfirm: requireElement("delete-many-confirm", HTMLInputElement),
    deleteManySubmit: requireElement("delete-many-submit", HTMLButtonElement),
  };
}
