/**
 * The JSON text of an answer's body, serialized once per request: the engine serializes the body to key its
 * memo of Prism's response checks, and the front's reply sends that same text instead of serializing the
 * body a second time.
 * @module
 */

/** Texts made by {@link serializeBody}, each taken at most once by {@link takeJsonText}. */
const pending = new WeakMap<object, string>();

/**
 * `JSON.stringify(body)`, kept for the reply of this request. Nothing changes the body between Prism's
 * response check and the reply (the front passes `output.body` through), and the text is taken once, so a
 * body object a later request answers again is serialized again.
 */
export function serializeBody(body: unknown): string | undefined {
  const text = JSON.stringify(body);
  if (body !== null && typeof body === "object" && text !== undefined) pending.set(body, text);
  return text;
}

/** `JSON.stringify(body)`: the text {@link serializeBody} made for it in this request, or a fresh one. */
export function takeJsonText(body: unknown): string {
  if (body !== null && typeof body === "object") {
    const text = pending.get(body);
    if (text !== undefined) {
      pending.delete(body);
      return text;
    }
  }
  return JSON.stringify(body);
}
