/** The API token never shows: not in error messages, stacks, JSON, util.inspect of the client or errors. */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createTokensClient, type NeuroioApiError } from "../../src/index.js";
import { API_TOKEN, json, setup } from "./helpers/mock-fetch.js";

/** Every way an error or client might be printed or logged. */
function renderings(value: unknown): string[] {
  const error = value as Error;
  return [
    String(error.message),
    String(error.stack),
    JSON.stringify(value),
    inspect(value, { depth: 10, showHidden: false }),
    inspect(value, { depth: 10, showHidden: true }),
    String(value),
  ];
}

function expectNoSecret(value: unknown, secret: string = API_TOKEN): void {
  for (const text of renderings(value)) expect(text).not.toContain(secret);
}

describe("secrets", () => {
  it("util.inspect, JSON.stringify and String of the client do not show the token", () => {
    const { client } = setup([]);
    expectNoSecret(client);
    expect(inspect(client)).toBe('TokensClient { baseUrl: "https://api.test", apiToken: "***" }');
    expect(JSON.parse(JSON.stringify(client))).toEqual({ baseUrl: "https://api.test", apiToken: "***" });
    expectNoSecret(client.tokens);
    expect(inspect(client.raw, { depth: 10 })).not.toContain(API_TOKEN);
  });

  it("the token does not show after setApiToken either", () => {
    const { client } = setup([]);
    client.setApiToken("rotated-secret-value");
    expectNoSecret(client, "rotated-secret-value");
  });

  it("HTTP errors do not show the token, even when the server echoes it", async () => {
    const echo = {
      detail: `Invalid token ${API_TOKEN}.`,
      sent: { authorization: `Token ${API_TOKEN}` },
    };
    const { client } = setup([
      json(401, echo, { "X-Echo-Authorization": `Token ${API_TOKEN}`, Authorization: `Token ${API_TOKEN}` }),
    ]);
    const error = (await client.tokens.list().catch((e: unknown) => e)) as NeuroioApiError;
    expect(error.message).toBe("401 GET /v1/tokens/: Invalid token ***.");
    expect(error.headers.authorization).toBe("***");
    for (const text of renderings(error)) expect(text).not.toContain(`Token ${API_TOKEN}`);
    expectNoSecret({ body: error.body, detail: error.detail, headers: error.headers });
  });

  it("a text body echoing the token is redacted too", async () => {
    const { client } = setup([new Response(`bad token ${API_TOKEN}`, { status: 400 })]);
    const error = await client.tokens.list().catch((e: unknown) => e);
    expectNoSecret(error);
    expect((error as { body: unknown }).body).toBe("bad token ***");
  });

  it("addressing the client's own key does not put it in the error", async () => {
    const { client } = setup([json(404, { detail: "Not found." }), json(404, { detail: `No ${API_TOKEN}` })]);
    expectNoSecret(await client.tokens.get(API_TOKEN).catch((e: unknown) => e));
    expectNoSecret(await client.tokens.delete(API_TOKEN).catch((e: unknown) => e));
  });

  it("a key addressed in the path is redacted when the server echoes it", async () => {
    const key = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b";
    const { client } = setup([json(404, { detail: `Token ${key} not found.` })]);
    const error = await client.tokens.get(key).catch((e: unknown) => e);
    expectNoSecret(error, key);
    expect((error as Error).message).toBe("404 GET /v1/tokens/9944***/: Token *** not found.");
  });

  it("connection errors, timeouts and aborts do not show the token", async () => {
    const { client } = setup([new TypeError("fetch failed"), "hang", "hang"], {
      maxRetries: 0,
      timeoutMs: 5,
    });
    expectNoSecret(await client.tokens.list().catch((e: unknown) => e));
    expectNoSecret(await client.tokens.list().catch((e: unknown) => e));
    const controller = new AbortController();
    const pending = client.tokens.list({}, { signal: controller.signal, timeoutMs: 60_000 });
    controller.abort();
    expectNoSecret(await pending.catch((e: unknown) => e));
  });

  it("a fetch error that quotes the URL or the token (as Deno's does) is redacted, cause included", async () => {
    const key = "0123456789abcdef0123456789abcdef01234567";
    const quoting = new TypeError(
      `error sending request for url (https://api.test/v1/tokens/${key}/): Token ${API_TOKEN} refused`,
    );
    const { client } = setup([quoting], { maxRetries: 0 });
    const error = (await client.tokens.get(key).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      "GET /v1/tokens/0123***/: connection failed: error sending request for url (https://api.test/v1/tokens/***/): Token *** refused",
    );
    expect(error.cause).not.toBe(quoting);
    expectNoSecret(error);
    expectNoSecret(error, key);
  });

  it("a fetch error that quotes no secret is kept as its name and message", async () => {
    const plain = new TypeError("fetch failed");
    const { client } = setup([plain], { maxRetries: 0 });
    const error = (await client.tokens.get("0123456789abcdef").catch((e: unknown) => e)) as Error;
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause).toMatchObject({ name: "TypeError", message: "fetch failed" });
    expect(error.message).toBe("GET /v1/tokens/0123***/: connection failed: fetch failed");
  });

  it("a 2xx with a broken body does not quote it (it may hold a new key)", async () => {
    const { client } = setup([new Response('{"id": 9, "key": "brand-new-secret-key', { status: 201 })]);
    const error = await client.tokens.create().catch((e: unknown) => e);
    expectNoSecret(error, "brand-new-secret-key");
  });

  it("validation errors about the token do not quote it", () => {
    for (const apiToken of ["super secret", "super\nsecret"]) {
      let error: unknown;
      try {
        createTokensClient({ apiToken });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeDefined();
      expectNoSecret(error, "super");
    }
  });
});
