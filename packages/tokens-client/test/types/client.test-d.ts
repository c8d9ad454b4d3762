/** Type tests of the public signatures: what compiles, what does not, and what each call returns. */
import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import {
  type AuthenticationError,
  type BadRequestError,
  type components,
  createTokensClient,
  type DeleteTokensParams,
  type InternalServerError,
  type KeepFreshOptions,
  type Method,
  type NeuroioAbortError,
  type NeuroioApiError,
  type NeuroioConnectionError,
  type NeuroioError,
  type NeuroioRequestError,
  type NeuroioTimeoutError,
  type NotFoundError,
  type PermissionDeniedError,
  type paths,
  type RateLimitError,
  type RequestOptions,
  type RetireMode,
  type Token,
  type TokenIdOrKey,
  type TokenKeeper,
  type TokensClient,
  type TokensClientOptions,
  type UnprocessableEntityError,
} from "../../src/index.js";

declare const client: TokensClient;

describe("createTokensClient", () => {
  it("takes optional options and returns a TokensClient", () => {
    expectTypeOf(createTokensClient).parameter(0).toEqualTypeOf<TokensClientOptions | undefined>();
    expectTypeOf(createTokensClient).returns.toEqualTypeOf<TokensClient>();
    createTokensClient();
    createTokensClient({
      apiToken: "abcd",
      baseUrl: "https://iam.neuroio.com",
      timeoutMs: 10_000,
      maxRetries: 2,
      fetch: (request: Request) => fetch(request),
      headers: { "X-Trace": "1" },
      allowInsecureHttp: false,
    });
    // @ts-expect-error unknown option
    createTokensClient({ apiKey: "abcd" });
    // @ts-expect-error timeoutMs is a number
    createTokensClient({ timeoutMs: "10s" });
  });

  it("exposes raw as the openapi-fetch client typed by paths", () => {
    expectTypeOf(client.raw).toEqualTypeOf<Client<paths>>();
    expectTypeOf(client.baseUrl).toEqualTypeOf<string>();
    expectTypeOf(client.setApiToken).toEqualTypeOf<(key: string) => void>();
  });
});

describe("Token", () => {
  it("is the generated schema, not a hand-written copy", () => {
    expectTypeOf<Token>().toEqualTypeOf<components["schemas"]["Token"]>();
    expectTypeOf<TokenIdOrKey>().toEqualTypeOf<number | string>();
  });
});

describe("operations", () => {
  it("return the parsed data", () => {
    expectTypeOf(client.tokens.create()).toEqualTypeOf<Promise<Token>>();
    expectTypeOf(client.tokens.list()).toEqualTypeOf<Promise<Token[]>>();
    expectTypeOf(client.tokens.listAll()).toEqualTypeOf<AsyncIterableIterator<Token>>();
    expectTypeOf(client.tokens.get(1)).toEqualTypeOf<Promise<Token>>();
    expectTypeOf(client.tokens.get("key")).toEqualTypeOf<Promise<Token>>();
    expectTypeOf(client.tokens.update(1, { is_active: false })).toEqualTypeOf<Promise<Token>>();
    expectTypeOf(client.tokens.delete(1)).toEqualTypeOf<Promise<void>>();
    expectTypeOf(client.tokens.deleteList({ permanent: false })).toEqualTypeOf<Promise<void>>();
    expectTypeOf(client.tokens.rotate()).toEqualTypeOf<Promise<Token>>();
  });

  it("take the documented arguments", () => {
    client.tokens.create({ permanent: true });
    client.tokens.list({ permanent: false, limit: 10, offset: 5 });
    client.tokens.listAll({ permanent: true, pageSize: 50 });
    client.tokens.rotate({ permanent: false, retire: "delete" });
    // @ts-expect-error permanent is a boolean
    client.tokens.create({ permanent: "yes" });
    // @ts-expect-error limit is a number
    client.tokens.list({ limit: "10" });
    // @ts-expect-error no such filter
    client.tokens.list({ active: true });
    // @ts-expect-error idOrKey is a number or a string
    client.tokens.get({ id: 1 });
    // @ts-expect-error retire is "deactivate" or "delete"
    client.tokens.rotate({ retire: "revoke" });
  });

  it("update requires is_active as a boolean", () => {
    // @ts-expect-error the change is required
    client.tokens.update(1);
    // @ts-expect-error is_active is required
    client.tokens.update(1, {});
    // @ts-expect-error is_active is a boolean
    client.tokens.update(1, { is_active: "false" });
  });

  it("deleteList must be told what to delete", () => {
    // @ts-expect-error deleting everything must be asked for by name
    client.tokens.deleteList();
    // @ts-expect-error permanent is required without all
    client.tokens.deleteList({});
    // @ts-expect-error all must be true
    client.tokens.deleteList({ all: false });
    // @ts-expect-error all and permanent exclude each other
    client.tokens.deleteList({ all: true, permanent: true });
    client.tokens.deleteList({ all: true });
    expectTypeOf<{ permanent: true }>().toMatchTypeOf<DeleteTokensParams>();
  });

  it("every operation takes a last { signal?, timeoutMs? }", () => {
    const options: RequestOptions = { signal: new AbortController().signal, timeoutMs: 500 };
    client.tokens.create({}, options);
    client.tokens.list({}, options);
    client.tokens.listAll({}, options);
    client.tokens.get(1, options);
    client.tokens.update(1, { is_active: true }, options);
    client.tokens.delete(1, options);
    client.tokens.deleteList({ all: true }, options);
    client.tokens.rotate({}, options);
    // @ts-expect-error signal is an AbortSignal
    client.tokens.get(1, { signal: "stop" });
  });
});

describe("errors", () => {
  it("form one hierarchy with typed fields", () => {
    expectTypeOf<NotFoundError>().toMatchTypeOf<NeuroioApiError>();
    expectTypeOf<NeuroioApiError>().toMatchTypeOf<NeuroioError>();
    expectTypeOf<NeuroioApiError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<NeuroioApiError["detail"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NeuroioApiError["headers"]>().toEqualTypeOf<Record<string, string>>();
    expectTypeOf<NeuroioApiError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<NeuroioError["newToken"]>().toEqualTypeOf<Token | undefined>();
  });

  it("narrow status to the literal of each status class", () => {
    expectTypeOf<BadRequestError["status"]>().toEqualTypeOf<400>();
    expectTypeOf<AuthenticationError["status"]>().toEqualTypeOf<401>();
    expectTypeOf<PermissionDeniedError["status"]>().toEqualTypeOf<403>();
    expectTypeOf<NotFoundError["status"]>().toEqualTypeOf<404>();
    expectTypeOf<UnprocessableEntityError["status"]>().toEqualTypeOf<422>();
    expectTypeOf<RateLimitError["status"]>().toEqualTypeOf<429>();
    expectTypeOf<InternalServerError["status"]>().toEqualTypeOf<number>();
  });

  it("declare method and path once, on NeuroioRequestError, method typed with the Method union", () => {
    expectTypeOf<Method>().toEqualTypeOf<"GET" | "POST" | "PATCH" | "PUT" | "DELETE">();
    for (const each of [
      {} as NeuroioApiError,
      {} as NeuroioConnectionError,
      {} as NeuroioTimeoutError,
      {} as NeuroioAbortError,
    ]) {
      expectTypeOf(each).toMatchTypeOf<NeuroioRequestError>();
      expectTypeOf(each.method).toEqualTypeOf<Method>();
      expectTypeOf(each.path).toEqualTypeOf<string>();
    }
    expectTypeOf<NeuroioRequestError>().toMatchTypeOf<NeuroioError>();
  });
});

describe("the token keeper", () => {
  it("keepFresh takes save (required) and returns stop and rotateNow", () => {
    const keeper = client.tokens.keepFresh({ save: async (token: Token) => token.key });
    expectTypeOf(keeper).toEqualTypeOf<TokenKeeper>();
    expectTypeOf(keeper.stop).toEqualTypeOf<() => void>();
    expectTypeOf(keeper.rotateNow).toEqualTypeOf<() => Promise<Token>>();
    client.tokens.keepFresh({
      save: () => {},
      everyMs: 3_600_000,
      retire: "delete",
      onError: (error: unknown) => error,
      signal: new AbortController().signal,
    });
    // @ts-expect-error save is required
    client.tokens.keepFresh({ everyMs: 1000 });
    // @ts-expect-error retire is one of three modes
    client.tokens.keepFresh({ save() {}, retire: "revoke" });
    expectTypeOf<KeepFreshOptions["retire"]>().toEqualTypeOf<RetireMode | undefined>();
  });

  it("rotate takes save and the retire modes", () => {
    expectTypeOf(client.tokens.rotate({ retire: "none", save: () => {} })).toEqualTypeOf<Promise<Token>>();
    expectTypeOf<RetireMode>().toEqualTypeOf<"none" | "deactivate" | "delete">();
  });
});
