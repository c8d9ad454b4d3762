/** The dev/test-only "Prefer header" field: shown only when the page was opened with `?prefer=...`. */
import { type DevOptions, normalizePrefer } from "./dev-options.js";

/** The elements of the dev bar. */
export interface DevBarElements {
  readonly devBar: HTMLFormElement;
  readonly devPrefer: HTMLInputElement;
  readonly devBarState: HTMLSpanElement;
}

/** Reads the current `Prefer` value; `undefined` when the bar is off or the field is empty. */
export type PreferSource = () => string | undefined;

/**
 * Shows the dev bar when the switch is on and calls `onChange` with the new value whenever the field
 * changes (so the console can rebuild its client with the new header).
 */
export function setupDevBar(
  ui: DevBarElements,
  dev: DevOptions,
  onChange: (prefer: string | undefined) => void,
): PreferSource {
  if (!dev.enabled) return () => undefined;
  const current = (): string | undefined => normalizePrefer(ui.devPrefer.value);
  const describe = (): void => {
    const prefer = current();
    ui.devBarState.textContent =
      prefer === undefined
        ? "No Prefer header is sent."
        : `Requests to a local mock carry "Prefer: ${prefer}".`;
  };
  ui.devPrefer.value = dev.prefer ?? "";
  ui.devBar.hidden = false;
  describe();
  ui.devBar.addEventListener("submit", (event) => event.preventDefault());
  ui.devPrefer.addEventListener("change", () => {
    describe();
    onChange(current());
  });
  return current;
}
