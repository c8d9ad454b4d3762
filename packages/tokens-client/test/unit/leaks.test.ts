/**
 * Defects 4 to 8: tokens that leaked through a changed token, a custom fetch's rejection, a base URL with
 * credentials and a header name, and a rotation that locked the client out.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  createTokensClient,
  NeuroioApiError,
  NeuroioConnectionError,
  NeuroioError,
} from "../../src/index.js";
import { API_TOKEN, json, ManualClock, setup, token } from "./helpers/mock-fetch.js";

const OTHER_KEY = "Other-Key-ABCDEF0123456789abcdef";

/** Every way an error might be printed or logged. */
function printed(error: unknown): string {
  return [
    (error as Error).message,
    (error as Error).stack,
    JSON.stringify(error),
    inspect(error, { depth: 20, showHidden: true }),
  ].join("\n");
}

/** A server that echoes the Authorization header it got in the body, a header value and a header name. */
function echoing(status: number) {
  return (request: Request) => {
    const sent = request.headers.get("authorization") ?? "";
    return json(status, { detail: `refused ${sent}` }, { "X-Echo": sent, [`x-${sent.slice(6)}`]: "1" });
  };
}

describe("4. a token changed while a call retries", () => {
  it("setApiToken(B) during the retry wait: B is sent, and masked in the error", async () => {
    let client: ReturnType<typeof setup>["client"] | undefined;
    const clock = new ManualClock(async () => client?.setApiToken(OTHER_KEY));
    const run = setup([echoing(503), echoing(503)], { maxRetries: 1 }, clock);
    client = run.client;
    const error = await run.client.tokens.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NeuroioApiError);
    expect(run.requests.map((r) => r.headers.get("authorization"))).toEqual([
      `Token ${API_TOKEN}`,
      `Token ${OTHER_KEY}`,
    ]);
    const text = printed(error);
    expect(text).not.toContain(OTHER_KEY);
    expect(text).not.toContain(OTHER_KEY.toLowerCase());
    expect(text).not.toContain(API_TOKEN);
    expect((error as Error).message).toBe("503 GET /v1/tokens/: refused Token ***");
  });

  it("a rotate() beside a retrying call: the new key is masked in the call's error", async () => {
    const NEW_KEY = "rotated-0000000000000000000000000000000000";
    let rotating: Promise<unknown> | undefined;
    let client: ReturnType<typeof setup>["client"] | undefined;
    const clock = new ManualClock(async () => {
      rotating ??= client?.tokens.rotate({ retire: "none" });
      await rotating;
    });
    const run = setup(
      [echoing(503), (request) => json(201, token(9, { key: NEW_KEY, request: request.url })), echoing(503)],
      { maxRetries: 1 },
      clock,
    );
    client = run.client;
    const error = await run.client.tokens.get(5).catch((e: unknown) => e);
    expect(run.requests.map((r) => [r.method, r.headers.get("authorization")])).toEqual([
      ["GET", `Token ${API_TOKEN}`],
      ["POST", `Token ${API_TOKEN}`],
      ["GET", `Token ${NEW_KEY}`],
    ]);
    expect(printed(error)).not.toContain(NEW_KEY);
  });
});

describe("5. what a custom fetch threw", () => {
  it("an Error carrying the Request is not kept: util.inspect shows no Authorization", async () => {
    const { client } = setup([(request) => Promise.reject(Object.assign(new Error("x"), { request }))], {
      maxRetries: 0,
    });
    const error = (await client.tokens.list().catch((e: unknown) => e)) as NeuroioConnectionError;
    expect(error).toBeInstanceOf(NeuroioConnectionError);
    expect(error.cause).toMatchObject({ name: "Error", message: "x" });
    expect((error.cause as { request?: unknown }).request).toBeUndefined();
    expect(printed(error)).not.toContain(API_TOKEN);
  });

  it("a rejection with a plain string holding the header is kept only redacted", async () => {
    const { client } = setup([(request) => Promise.reject(`boom ${request.headers.get("authorization")}`)], {
      maxRetries: 0,
    });
    const error = (await client.tokens.list().catch((e: unknown) => e)) as NeuroioConnectionError;
    expect(error.message).toBe("GET /v1/tokens/: connection failed: boom Token ***");
    expect(error.cause).toBeInstanceOf(Error);
    expect(printed(error)).not.toContain(API_TOKEN);
  });

  it("an object rejection with a throwing toString is still a connection error", async () => {
    const hostile = {
      toString() {
        throw new Error(API_TOKEN);
      },
    };
    const { client } = setup([() => Promise.reject(hostile)], { maxRetries: 0 });
    const error = await client.tokens.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NeuroioConnectionError);
    expect(printed(error)).not.toContain(API_TOKEN);
  });
});

describe("6. a base URL with credentials that fails to parse", () => {
  it.each([
    "https://admin:hunter2pass@",
    "https://admin:hunter2pass@:99999",
    "admin:hunter2pass@iam.neuroio.com",
  ])("is not quoted: %s", (baseUrl) => {
    let error: unknown;
    try {
      createTokensClient({ apiToken: "abcd", baseUrl });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NeuroioError);
    expect((error as Error).message).toMatch(/^baseUrl must/);
    expect(printed(error)).not.toContain("hunter2pass");
  });

  it("a value without credentials is still quoted, to say what was wrong", () => {
    expect(() => createTokensClient({ apiToken: "abcd", baseUrl: "iam.neuroio.com" })).toThrow(
      'baseUrl must be an absolute http(s) URL, got "iam.neuroio.com"',
    );
  });
});

describe("7. a response header whose name holds the token", () => {
  it("is masked, the name as well as the value, whatever the case", async () => {
    const mixed = "MixedCase-Token-0123456789ABCDEF";
    const { client } = setup([echoing(404)], { apiToken: mixed });
    const error = (await client.tokens.get(1).catch((e: unknown) => e)) as NeuroioApiError;
    expect(Object.keys(error.headers)).toContain("x-***");
    expect(error.headers["x-echo"]).toBe("Token ***");
    const text = printed(error).toLowerCase();
    expect(text).not.toContain(mixed.toLowerCase());
  });
});

describe("8. a rotation the server answers with the current key", () => {
  it("is refused before anything is switched or retired", async () => {
    const { client, requests } = setup([json(201, token(3, { key: API_TOKEN })), json(200, [])]);
    const saved: unknown[] = [];
    const error = await client.tokens
      .rotate({ retire: "delete", save: (t) => saved.push(t) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NeuroioError);
    expect((error as Error).message).toBe(
      "rotate: the server returned the current key as the new token; nothing was changed",
    );
    expect(saved).toEqual([]);
    expect(printed(error)).not.toContain(API_TOKEN);
    await client.tokens.list();
    expect(requests.map((r) => [r.method, r.headers.get("authorization")])).toEqual([
      ["POST", `Token ${API_TOKEN}`],
      ["GET", `Token ${API_TOKEN}`],
    ]);
  });
});
