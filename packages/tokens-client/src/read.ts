/**
 * Reading a response body as a stream, within a byte limit: a body that is too large (a gzip bomb inflates
 * 300 KB into 300 MB) is cancelled as soon as it passes the limit, never buffered whole.
 * @module
 */

/**
 * The body of `response` as UTF-8 text (`""` when it has none), or `undefined` as soon as more than
 * `maxBytes` bytes arrive (the body is then cancelled).
 */
export async function readText(response: Response, maxBytes: number): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  // Decoded as it arrives (`stream: true` keeps a character split across chunks whole): no chunk list to join.
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      // Stops the download (and the inflating) at once; the rest is never read.
      reader.cancel().catch(() => {});
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
}
