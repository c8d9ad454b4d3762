/** The four ways of making the same list call that the loopback benchmark compares. */
import { createRequire } from "node:module";
import { createTokensClient } from "@neuroio/tokens-client";
import createClient from "openapi-fetch";

const require = createRequire(import.meta.url);

/**
 * @typedef {object} Contender
 * @property {string} name
 * @property {() => Promise<unknown[]>} call one `GET /v1/tokens/?limit=10`, resolving to the parsed tokens
 */

/**
 * Builds the contenders against `baseUrl` (e.g. `http://127.0.0.1:PORT`), each sending the token.
 * @param {string} baseUrl
 * @returns {Contender[]}
 */
export function loopbackContenders(baseUrl) {
  const token = "benchmark-token-0123456789";
  const headers = { Authorization: `Token ${token}` };
  const openapi = createClient({ baseUrl, headers });
  const tokens = createTokensClient({ apiToken: token, baseUrl });
  // The old SDK's Node build (axios over node:http); its hosts are constants, so point them here.
  const { createNeuroioRestApi } = require("@neuroio/rest-api");
  const old = createNeuroioRestApi({ version: 1, token });
  old.setEndpoint({ base: `${baseUrl}/v1/`, auth: `${baseUrl}/v1/` });
  return [
    {
      name: "raw fetch",
      call: async () => (await fetch(`${baseUrl}/v1/tokens/?limit=10`, { headers })).json(),
    },
    {
      name: "openapi-fetch",
      call: async () => (await openapi.GET("/v1/tokens/", { params: { query: { limit: 10 } } })).data,
    },
    { name: "@neuroio/rest-api", call: () => old.tokens.getTokens({ limit: 10 }) },
    { name: "@neuroio/tokens-client", call: () => tokens.tokens.list({ limit: 10 }) },
  ];
}
