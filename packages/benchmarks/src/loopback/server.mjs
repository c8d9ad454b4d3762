#!/usr/bin/env node
/**
 * The loopback benchmark's server, run in its own process so its work does not share the client's CPU:
 * a keep-alive `node:http` server on 127.0.0.1 answering `GET /v1/tokens/` with two tokens. Prints
 * `{"port":N}` once listening; exits when its stdin closes (the parent ended).
 */
import { createServer } from "node:http";
import { LIST_BODY } from "../lib/tokens-body.mjs";

const body = Buffer.from(LIST_BODY);
const server = createServer((request, response) => {
  request.resume();
  if (request.method === "GET" && request.url?.startsWith("/v1/tokens/")) {
    response.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.byteLength });
    response.end(body);
  } else {
    response.writeHead(404, { "Content-Type": "application/json" });
    response.end('{"detail":"Not found."}');
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" ? address?.port : null })}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => server.close(() => process.exit(0)));
