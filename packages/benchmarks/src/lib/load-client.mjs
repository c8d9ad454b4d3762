#!/usr/bin/env node
/**
 * A lean HTTP/1.1 load generator, run as its own process so that it never shares an event loop with the
 * server it measures: `node load-client.mjs <url> <authorization> <connections> <requests>` prints
 * `{"reqPerS": N}`. Each connection is one kept-alive socket with one request in flight (no pipelining):
 * write a GET, read the whole answer, repeat. The answer is parsed only as far as needed (status line,
 * Content-Length or chunked end), so the client costs far less than `fetch` or `node:http` and the number
 * reflects the server. Every answer must be a 200, or the run fails.
 */
import { connect } from "node:net";

const HEADER_END = Buffer.from("\r\n\r\n");
const CHUNKED_END = Buffer.from("\r\n0\r\n\r\n");

/**
 * Sends `count` GETs of `url` one after another on one socket.
 * @param {URL} url
 * @param {string} authorization the `Authorization` header's value
 * @param {() => boolean} take claims one request of the shared budget; `false` when none is left
 */
function runConnection(url, authorization, take) {
  const request = Buffer.from(
    `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${authorization}\r\n\r\n`,
  );
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    socket.setNoDelay(true);
    let buffered = Buffer.alloc(0);
    let done = false;
    const next = () => {
      if (take()) socket.write(request);
      else {
        done = true;
        socket.end();
        resolve();
      }
    };
    socket.on("connect", next);
    socket.on("error", reject);
    // A server that closes the connection or stops answering fails the run instead of hanging it.
    socket.on("close", () => {
      if (!done) reject(new Error(`${url} closed the connection before answering`));
    });
    socket.setTimeout(30_000, () => socket.destroy(new Error(`${url} did not answer within 30 s`)));
    socket.on("data", (chunk) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      const headerEnd = buffered.indexOf(HEADER_END);
      if (headerEnd < 0) return;
      const head = buffered.subarray(0, headerEnd).toString("latin1");
      const status = head.slice(9, 12);
      if (status !== "200") {
        socket.destroy();
        reject(new Error(`${url} answered ${head.split("\r\n")[0]}`));
        return;
      }
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
      const bodyStart = headerEnd + HEADER_END.length;
      let end;
      if (length !== undefined) end = bodyStart + Number(length);
      else {
        const chunkedEnd = buffered.indexOf(CHUNKED_END, bodyStart - 2);
        if (chunkedEnd < 0) return;
        end = chunkedEnd + CHUNKED_END.length;
      }
      if (buffered.length < end) return;
      buffered = buffered.subarray(end);
      next();
    });
  });
}

/**
 * Runs `requests` GETs of `url` over `connections` sockets and returns requests per second.
 * @param {{ url: string, authorization: string, connections: number, requests: number }} options
 */
export async function measure({ url, authorization, connections, requests }) {
  const target = new URL(url);
  let left = requests;
  const take = () => {
    if (left <= 0) return false;
    left -= 1;
    return true;
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, () => runConnection(target, authorization, take)));
  return requests / ((performance.now() - started) / 1000);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url = "", authorization = "", connections = "1", requests = "1000"] = process.argv.slice(2);
  const reqPerS = await measure({
    url,
    authorization,
    connections: Number(connections),
    requests: Number(requests),
  });
  process.stdout.write(`${JSON.stringify({ reqPerS })}\n`);
}
