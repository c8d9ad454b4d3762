#!/usr/bin/env node
/**
 * Measures the in-memory API on its own, in one run: calls per second of `handle()` (in-process, what Prism
 * calls in stateful mode) for a list, a get by key, and a create + delete pair (without and with a state
 * file, whose saves are synchronous and fsynced), beside the old `node:http` backend for the same list.
 * Usage: node packages/tokens-mock/test/stateful/measure-api.mjs [calls]
 * (build first: pnpm --filter @neuroio/tokens-mock build)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStatefulApi } from "../../dist/stateful/api.js";
import { startStatefulBackend } from "../../dist/stateful/backend.js";

const calls = Number(process.argv[2] ?? 20_000);

function rate(count, run) {
  for (let warm = 0; warm < Math.min(count, 500); warm += 1) run();
  const started = performance.now();
  for (let index = 0; index < count; index += 1) run();
  return count / ((performance.now() - started) / 1000);
}

async function httpRate(url, key, count) {
  const headers = { authorization: `Token ${key}` };
  for (let warm = 0; warm < 100; warm += 1)
    await (await fetch(`${url}/v1/tokens/`, { headers })).arrayBuffer();
  const started = performance.now();
  for (let index = 0; index < count; index += 1)
    await (await fetch(`${url}/v1/tokens/`, { headers })).arrayBuffer();
  return count / ((performance.now() - started) / 1000);
}

const dir = mkdtempSync(join(tmpdir(), "measure-api-"));
try {
  const memory = await openStatefulApi({ seedTokens: 20 });
  const saved = await openStatefulApi({ seedTokens: 20, statePath: join(dir, "state.json") });
  const request = (api, method, path, body) => ({
    method,
    path,
    query: {},
    headers: { authorization: `Token ${api.callerKey}`, "content-type": "application/json" },
    body,
  });
  const list = request(memory, "GET", "/v1/tokens/");
  const get = request(memory, "GET", `/v1/tokens/${memory.seeded[5].key}/`);
  const cycle = (api) => () => {
    const { id } = api.handle(request(api, "POST", "/v1/tokens/", { permanent: false })).body;
    if (api.handle(request(api, "DELETE", `/v1/tokens/${id}/`)).status !== 204)
      throw new Error("delete failed");
  };
  const listRate = rate(calls, () => memory.handle(list));
  const getRate = rate(calls, () => memory.handle(get));
  const cycleRate = rate(calls / 2, cycle(memory));
  const savedRate = rate(Math.min(calls / 20, 500), cycle(saved));
  const backend = await startStatefulBackend({ seedTokens: 20 });
  const httpList = await httpRate(backend.url, backend.callerKey, Math.min(calls / 10, 2000));
  await backend.close();
  console.log(`handle() GET /v1/tokens/ (20 tokens): ${listRate.toFixed(0)} calls/s`);
  console.log(`handle() GET /v1/tokens/{key}/: ${getRate.toFixed(0)} calls/s`);
  console.log(`handle() POST + DELETE, memory only: ${cycleRate.toFixed(0)} pairs/s`);
  console.log(`handle() POST + DELETE, with --state (2 fsynced saves): ${savedRate.toFixed(0)} pairs/s`);
  console.log(
    `old node:http backend, GET /v1/tokens/ sequential: ${httpList.toFixed(0)} req/s (handle() x${(listRate / httpList).toFixed(0)})`,
  );
  await Promise.all([memory.close(), saved.close()]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
