/**
 * The real client against the stateful mock (`startMockServer({ stateful: true })`): Prism checks every
 * request and response against the spec, and the API remembers what the client did, so rotation, paging and
 * delete-many can be seen to work end to end.
 */
import { type MockServer, startMockServer } from "@neuroio/tokens-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  createTokensClient,
  NotFoundError,
  type Token,
  type TokensClient,
} from "../../src/index.js";

let mock: MockServer;
let client: TokensClient;

/** A client of the stateful mock; no retries, so a failure shows at once. */
function clientFor(apiToken: string): TokensClient {
  return createTokensClient({ apiToken, baseUrl: mock.url, maxRetries: 0, timeoutMs: 5_000 });
}

beforeEach(async () => {
  mock = await startMockServer({ port: 0, quiet: true, stateful: true, seedTokens: 3 });
  client = clientFor(mock.token as string);
});

afterEach(async () => {
  await mock.close();
});

describe("the client against the stateful mock", () => {
  it("creates a token that is then listed and found by id and by key", async () => {
    const created = await client.tokens.create({ permanent: false });
    expect(created).toMatchObject({ id: 4, is_active: true, key: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect((await client.tokens.list()).map((token) => token.id)).toEqual([4, 3, 2, 1]);
    expect(await client.tokens.get(created.id)).toEqual(created);
    expect(await client.tokens.get(created.key)).toEqual(created);
    expect((await client.tokens.list({ permanent: true })).map((token) => token.id)).toEqual([1]);
  });

  it("pages through every token with listAll", async () => {
    for (let index = 0; index < 4; index += 1) await client.tokens.create({ permanent: false });
    const seen: number[] = [];
    for await (const token of client.tokens.listAll({ pageSize: 2 })) seen.push(token.id);
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it("deactivating a token makes its key fail with AuthenticationError", async () => {
    const other = await client.tokens.create({ permanent: false });
    await expect(client.tokens.update(other.id, { is_active: false })).resolves.toMatchObject({
      is_active: false,
    });
    await expect(clientFor(other.key).tokens.list()).rejects.toBeInstanceOf(AuthenticationError);
    await client.tokens.update(other.key, { is_active: true });
    await expect(clientFor(other.key).tokens.list()).resolves.toHaveLength(4);
  });

  it("rotate() switches to a new temporary token and deactivates the old key", async () => {
    const oldKey = mock.token as string;
    const rotated = await client.tokens.rotate();
    expect(rotated).toMatchObject({ id: 4, is_active: true });
    expect(rotated.expires).not.toBeNull();
    await expect(clientFor(oldKey).tokens.list()).rejects.toBeInstanceOf(AuthenticationError);
    // The client now sends the new key: it can still read, and sees the old token deactivated.
    const old = (await client.tokens.get(oldKey)) as Token;
    expect(old).toMatchObject({ id: 1, is_active: false });
    await expect(clientFor(rotated.key).tokens.get(rotated.id)).resolves.toEqual(rotated);
  });

  it("rotate({ permanent: true, retire: 'delete' }) deletes the old key", async () => {
    const oldKey = mock.token as string;
    const rotated = await client.tokens.rotate({ permanent: true, retire: "delete" });
    expect(rotated.expires).toBeNull();
    await expect(client.tokens.get(oldKey)).rejects.toBeInstanceOf(NotFoundError);
    expect((await client.tokens.list()).map((token) => token.id)).toEqual([4, 3, 2]);
  });

  it("refuses a sixth permanent token with BadRequestError and the service's detail", async () => {
    for (let index = 0; index < 4; index += 1) await client.tokens.create({ permanent: true });
    const sixth = client.tokens.create({ permanent: true });
    await expect(sixth).rejects.toBeInstanceOf(BadRequestError);
    await expect(sixth).rejects.toMatchObject({
      status: 400,
      detail: "You can't have more than 5 permanent tokens.",
    });
  });

  it("deleteList honours its scope; { all: true } deletes the client's own token too", async () => {
    await client.tokens.create({ permanent: true });
    await client.tokens.deleteList({ permanent: false });
    expect((await client.tokens.list()).map((token) => token.id)).toEqual([4, 1]);
    await client.tokens.deleteList({ all: true });
    await expect(client.tokens.list()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("a request the spec forbids is a 400 naming the field in the service's words, not a silent pass", async () => {
    // The client refuses `limit: 0` itself, so the raw openapi-fetch client sends it.
    const { response, error } = await client.raw.GET("/v1/tokens/", { params: { query: { limit: 0 } } });
    expect(response.status).toBe(400);
    expect(error as unknown).toEqual({ limit: ["Ensure this value is greater than or equal to 1."] });
    expect(response.headers.get("sl-violations")).toContain('"location":["request","query","limit"]');
  });
});
