/**
 * tokens.keepFresh(): the order create → save → switch → retire in every round, the schedule on an injected
 * clock, and each way a round can fail. Requests go to a scripted fetch and are read back.
 */
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  InternalServerError,
  NeuroioError,
  NotFoundError,
  type Token,
} from "../../src/index.js";
import { API_TOKEN, empty, json, type Reply, setup, token } from "./helpers/mock-fetch.js";

const HOUR = 3_600_000;
const KEY_1 = "first-new-key-00000000000000000000000000";
const KEY_2 = "second-new-key-0000000000000000000000000";

/** Lets pending promise callbacks (the round's steps) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A keeper over scripted replies; `saved` and `errors` record what reached the callbacks. */
function keeper(
  replies: Reply[],
  options: { retire?: "none" | "deactivate" | "delete"; everyMs?: number } = {},
) {
  const run = setup(replies);
  const saved: Token[] = [];
  const errors: unknown[] = [];
  const keep = run.client.tokens.keepFresh({
    save: (t) => {
      saved.push(t);
    },
    onError: (error) => errors.push(error),
    ...options,
  });
  return { ...run, keep, saved, errors };
}

const auth = (request: { headers: Headers }) => request.headers.get("authorization");

describe("keepFresh", () => {
  it("schedules a round every 12 hours by default, without a timer of its own in between", () => {
    const { clock, keep, requests } = keeper([]);
    expect(clock.pending()).toEqual([12 * HOUR]);
    keep.stop();
    expect(clock.pending()).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it("creates a temporary token, saves it while the client still sends the old key, then switches", async () => {
    let keyDuringSave: string | null = null;
    const run = setup([json(201, token(7, { key: KEY_1 })), json(200, []), json(200, [])]);
    const keep = run.client.tokens.keepFresh({
      save: async () => {
        await run.client.tokens.list();
        keyDuringSave = auth(run.requests[1] as { headers: Headers });
      },
    });
    await expect(keep.rotateNow()).resolves.toMatchObject({ id: 7, key: KEY_1 });
    expect(keyDuringSave).toBe(`Token ${API_TOKEN}`);
    expect(run.requests[0]?.body).toBe('{"permanent":false}');
    await run.client.tokens.list();
    expect(auth(run.requests[2] as { headers: Headers })).toBe(`Token ${KEY_1}`);
    // retire: "none" by default: nothing else was sent.
    expect(run.requests.map((r) => r.method)).toEqual(["POST", "GET", "GET"]);
  });

  it("runs a round when the interval comes due, and schedules the next", async () => {
    const { clock, requests, saved } = keeper(
      [json(201, token(7, { key: KEY_1 })), json(201, token(8, { key: KEY_2 }))],
      { everyMs: 1000 },
    );
    clock.advance(999);
    expect(requests).toHaveLength(0);
    clock.advance(1);
    await settle();
    expect(saved.map((t) => t.key)).toEqual([KEY_1]);
    expect(clock.pending()).toEqual([1000]);
    clock.advance(1000);
    await settle();
    expect(saved.map((t) => t.key)).toEqual([KEY_1, KEY_2]);
    expect(requests.map(auth)).toEqual([`Token ${API_TOKEN}`, `Token ${KEY_1}`]);
  });

  it("retires the old key with the new one: deactivate, or delete", async () => {
    const deactivating = keeper([json(201, token(7, { key: KEY_1 })), json(200, token(1))], {
      retire: "deactivate",
    });
    await deactivating.keep.rotateNow();
    expect(deactivating.requests.map((r) => [r.method, r.url.pathname, auth(r), r.body])).toEqual([
      ["POST", "/v1/tokens/", `Token ${API_TOKEN}`, '{"permanent":false}'],
      ["PATCH", `/v1/tokens/${API_TOKEN}/`, `Token ${KEY_1}`, '{"is_active":false}'],
    ]);
    const deleting = keeper([json(201, token(7, { key: KEY_1 })), empty()], { retire: "delete" });
    await deleting.keep.rotateNow();
    expect(deleting.requests.map((r) => [r.method, r.url.pathname, auth(r)])).toEqual([
      ["POST", "/v1/tokens/", `Token ${API_TOKEN}`],
      ["DELETE", `/v1/tokens/${API_TOKEN}/`, `Token ${KEY_1}`],
    ]);
  });

  it("when save throws: keeps the old key, deletes the new token, reports a typed error, retries soon", async () => {
    const run = setup([json(201, token(7, { key: KEY_1 })), empty(), json(200, [])]);
    const errors: unknown[] = [];
    const keep = run.client.tokens.keepFresh({
      save: (t) => {
        throw new Error(`disk full while writing ${t.key}`);
      },
      onError: (error) => errors.push(error),
      retire: "delete",
    });
    const error = await keep.rotateNow().catch((e: unknown) => e);
    expect(errors).toEqual([error]);
    expect(error).toBeInstanceOf(NeuroioError);
    expect((error as Error).message).toBe(
      "rotate: save(token) failed: disk full while writing ***; the client keeps its key, the new token was deleted",
    );
    expect(JSON.stringify(error) + String((error as Error).cause)).not.toContain(KEY_1);
    await run.client.tokens.list();
    expect(run.requests.map((r) => [r.method, r.url.pathname, auth(r)])).toEqual([
      ["POST", "/v1/tokens/", `Token ${API_TOKEN}`],
      ["DELETE", "/v1/tokens/7/", `Token ${API_TOKEN}`],
      ["GET", "/v1/tokens/", `Token ${API_TOKEN}`],
    ]);
    expect(run.clock.pending()).toEqual([1000]);
  });

  it("when save throws and the cleanup fails too, says so", async () => {
    const { keep } = (() => {
      const run = setup([json(201, token(7, { key: KEY_1 })), json(500, {})], { maxRetries: 0 });
      return {
        keep: run.client.tokens.keepFresh({
          save: () => Promise.reject(new Error("no")),
        }),
      };
    })();
    await expect(keep.rotateNow()).rejects.toThrow("the new token could not be deleted");
  });

  it("when the create fails: nothing changes, onError gets it, retries back off 1 s, 2 s, then the interval resumes", async () => {
    const { clock, keep, errors, requests, saved } = keeper(
      [json(503, {}), json(503, {}), json(201, token(7, { key: KEY_1 }))],
      { everyMs: HOUR },
    );
    clock.advance(HOUR);
    await settle();
    expect(errors[0]).toBeInstanceOf(InternalServerError);
    expect(clock.pending()).toEqual([1000]);
    clock.advance(1000);
    await settle();
    expect(clock.pending()).toEqual([2000]);
    clock.advance(2000);
    await settle();
    expect(saved.map((t) => t.key)).toEqual([KEY_1]);
    expect(clock.pending()).toEqual([HOUR]);
    // POST is never retried by the transport: three rounds, three requests, each with the old key.
    expect(requests.map(auth)).toEqual(Array(3).fill(`Token ${API_TOKEN}`));
    keep.stop();
  });

  it("when retiring fails: the client keeps the new key, the error carries it, the keeper goes on", async () => {
    const { keep, errors, requests, clock, client } = keeper(
      [json(201, token(7, { key: KEY_1 })), json(404, { detail: "Not found." }), json(200, [])],
      { retire: "deactivate" },
    );
    const error = (await keep.rotateNow().catch((e: unknown) => e)) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(errors).toEqual([error]);
    expect(error.newToken?.key).toBe(KEY_1);
    await client.tokens.list();
    expect(auth(requests[2] as { headers: Headers })).toBe(`Token ${KEY_1}`);
    expect(clock.pending()).toEqual([1000]);
  });

  it("when the current key is refused (401): stops and reports it, since retrying cannot help", async () => {
    const { keep, errors, clock } = keeper([json(401, { detail: "Invalid token." })]);
    await expect(keep.rotateNow()).rejects.toBeInstanceOf(AuthenticationError);
    expect(errors[0]).toBeInstanceOf(AuthenticationError);
    expect(clock.pending()).toEqual([]);
    await expect(keep.rotateNow()).rejects.toThrow("keepFresh: the keeper is stopped");
  });

  it("never runs two rounds at once: rotateNow during a round joins it", async () => {
    let release: () => void = () => {};
    const run = setup([json(201, token(7, { key: KEY_1 }))]);
    const keep = run.client.tokens.keepFresh({
      save: () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    });
    const first = keep.rotateNow();
    await settle();
    const second = keep.rotateNow();
    // The scheduled round comes due while the first is saving: it joins too.
    run.clock.advance(12 * HOUR);
    release();
    await expect(first).resolves.toMatchObject({ key: KEY_1 });
    await expect(second).resolves.toMatchObject({ key: KEY_1 });
    expect(run.requests).toHaveLength(1);
  });

  it("stop() during a round: the round finishes (nothing half done), nothing more is scheduled", async () => {
    let release: () => void = () => {};
    const run = setup([json(201, token(7, { key: KEY_1 })), json(200, [])]);
    const keep = run.client.tokens.keepFresh({
      save: () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    });
    const round = keep.rotateNow();
    await settle();
    keep.stop();
    release();
    await expect(round).resolves.toMatchObject({ key: KEY_1 });
    expect(run.clock.pending()).toEqual([]);
    await run.client.tokens.list();
    expect(auth(run.requests[1] as { headers: Headers })).toBe(`Token ${KEY_1}`);
  });

  it("stops when its signal aborts, or at once when it already has", () => {
    const controller = new AbortController();
    const { clock } = (() => {
      const run = setup([]);
      run.client.tokens.keepFresh({ save() {}, signal: controller.signal });
      return run;
    })();
    expect(clock.pending()).toHaveLength(1);
    controller.abort();
    expect(clock.pending()).toEqual([]);
    const again = setup([]);
    again.client.tokens.keepFresh({ save() {}, signal: controller.signal });
    expect(again.clock.pending()).toEqual([]);
  });

  it("an onError that throws does not stop the keeper", async () => {
    const run = setup([json(503, {})]);
    const keep = run.client.tokens.keepFresh({
      save() {},
      onError: () => {
        throw new Error("handler bug");
      },
    });
    await expect(keep.rotateNow()).rejects.toBeInstanceOf(InternalServerError);
    expect(run.clock.pending()).toEqual([1000]);
  });

  it("checks its options before doing anything", () => {
    const { client, requests, clock } = setup([]);
    const bad: [unknown, RegExp][] = [
      [undefined, /^options must be an object/],
      [{}, /^options\.save must be a function, got undefined/],
      [{ save() {}, everyMs: 999 }, /^options\.everyMs must be an integer >= 1000, got number 999/],
      [{ save() {}, everyMs: Number.NaN }, /^options\.everyMs/],
      [{ save() {}, retire: "revoke" }, /^options\.retire must be "none", "deactivate" or "delete"/],
      [{ save() {}, onError: "log" }, /^options\.onError must be a function/],
      [{ save() {}, signal: {} }, /^options\.signal must be an AbortSignal/],
    ];
    for (const [options, message] of bad) {
      expect(() => client.tokens.keepFresh(options as never)).toThrow(message);
    }
    expect(requests).toHaveLength(0);
    expect(clock.pending()).toEqual([]);
  });
});

describe("rotate({ save })", () => {
  it("saves before the switch and before retiring, and hands back the token", async () => {
    const order: string[] = [];
    const run = setup([
      json(201, token(7, { key: KEY_1 })),
      (request) => {
        order.push(`PATCH with ${auth(request)}`);
        return json(200, token(1));
      },
    ]);
    const created = await run.client.tokens.rotate({
      save: async (t) => {
        order.push(`save ${t.key}`);
      },
    });
    expect(created.key).toBe(KEY_1);
    expect(order).toEqual([`save ${KEY_1}`, `PATCH with Token ${KEY_1}`]);
  });
});
