#!/usr/bin/env node
/**
 * The ceiling of the throughput benchmark: a `node:http` server on 127.0.0.1:`argv[2]` that does nothing but
 * answer every request with the JSON body read from the file `argv[3]` (the stateful mock's list answer), so
 * a mock's req/s can be read against what this Node gives for the same bytes on the same machine.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const body = readFileSync(process.argv[3] ?? "");
createServer((_request, response) => {
  response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
  response.end(body);
}).listen(Number(process.argv[2]), "127.0.0.1");
