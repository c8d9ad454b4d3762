/** The message line under the connection form: a success note, or an error with its detail and hint. */
import type { ErrorMessage } from "./describe-error.js";
import { h } from "./dom.js";

/** Shows a success or progress note (`role="status"`, `data-kind="info"`). */
export function showInfo(element: HTMLElement, text: string): void {
  element.dataset.kind = "info";
  element.setAttribute("role", "status");
  element.replaceChildren(text);
  element.hidden = false;
}

/** Shows an error (`role="alert"`, `data-kind="error"`): summary, detail and hint on their own lines. */
export function showErrorMessage(element: HTMLElement, message: ErrorMessage): void {
  element.dataset.kind = "error";
  element.setAttribute("role", "alert");
  element.replaceChildren(
    h("strong", { class: "summary" }, message.summary),
    h("span", { class: "detail" }, message.detail),
    ...(message.hint === undefined ? [] : [h("span", { class: "hint" }, message.hint)]),
  );
  element.hidden = false;
}

/** Hides the message line. */
export function clearMessage(element: HTMLElement): void {
  element.hidden = true;
  element.replaceChildren();
}
