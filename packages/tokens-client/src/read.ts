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
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stops the download (and the inflating) at once; the rest is never read.
      reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const decoder = new TextDecoder();
  // One chunk is the common case (a page of tokens): decoded without a copy. (A Blob would join and decode
  // in one line, at twice the CPU of the whole call.)
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return decoder.decode(all);
}
