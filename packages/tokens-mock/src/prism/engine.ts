/**
 * Prism in-process: routes, validates the request, mocks (examples, generated) or forwards (proxy,
 * stateful), validates the response. No HTTP server of Prism's runs: the mock's front calls {@link Engine}.
 * @module
 */

import type { IHttpConfig, PrismHttpComponents } from "@stoplight/prism-http";
import { forwardTo, type PrismInput, type PrismOutput, RequestMistake } from "./forward.js";
import { serializeBody } from "./json-text.js";
import { requirePrismPart } from "./prism-require.js";
import { type Operation, prismHttp } from "./runtime.js";
import type { SpecHolder } from "./spec.js";
import type { Diagnostic } from "./violations.js";

/** How the engine produces answers. */
export interface EngineOptions {
  spec: SpecHolder;
  logger: PrismHttpComponents["logger"];
  /** Generate bodies from the schemas instead of answering the spec's examples (with an optional seed). */
  dynamic: boolean;
  seed: string | undefined;
  /** Proxy and stateful modes: what answers a checked request instead of the spec's examples. */
  forward?: (input: PrismInput) => Promise<PrismOutput>;
  /** With `forward`: whether a request that breaks the spec is refused (else it is forwarded, and reported). */
  refuseInvalid?: boolean;
  /**
   * Examples mode: adjusts the example Prism picked to the request (a valid one, whose `Prefer` chose no
   * example), before Prism validates the response: the adjusted answer is checked like any other.
   */
  adjust?: (operation: Operation, input: PrismInput, output: PrismOutput) => PrismOutput;
}

/** What the `Prefer` header asked for (Prism's `code`, `example`, `dynamic`, `seed`). */
export interface Preferences {
  code?: number;
  exampleKey?: string;
  dynamic?: boolean;
  seed?: string;
}

/** The outcome of one request. */
export type Outcome =
  /** An answer (mocked or forwarded), with what Prism found wrong in the request and in the answer. */
  | { kind: "answer"; output: PrismOutput; requestFindings: Diagnostic[]; responseFindings: Diagnostic[] }
  /** The request broke the spec and was answered by no one: the mock answers it from the findings. */
  | { kind: "mistake"; diagnostics: readonly Diagnostic[] }
  /** Prism refused the request itself (`Prefer: code=418`, an unknown path in proxy mode...). */
  | { kind: "refused"; error: Error & { status?: number; detail?: string } };

/**
 * Answers one request the way Prism does, without its HTTP server. `operation`, when the front routed the
 * request already, spares Prism's router the search through every operation.
 */
export type Engine = (input: PrismInput, preferences: Preferences, operation?: Operation) => Promise<Outcome>;

/** Creates the {@link Engine} of a mode; the spec is read from `options.spec` at every request. */
export function createEngine(options: EngineOptions): Engine {
  const http = prismHttp();
  const forward = options.forward;
  const validator = requirePrismPart("dist/validator") as Validators;
  const base = baseConfig(options);
  const routed = new WeakSet<readonly Operation[]>();
  const prismRoute = requirePrismPart("dist/router") as { default: RouteComponent };
  const prism = http.createInstance(base, {
    logger: sharedChildren(options.logger),
    route: preRouted(routed, prismRoute.default),
    ...(forward ? { forward: forwardTo(forward) } : {}),
    ...(options.adjust ? { mock: adjustedMock(options.adjust) } : {}),
    validateInput: remembered(validator.validateInput, (input) => JSON.stringify(input)),
    validateOutput: remembered(validator.validateOutput, outputKey),
  });
  return async (input, preferences, operation) => {
    const preferred = definedOnly(preferences);
    const config = preferred === undefined ? { ...base } : { ...base, mock: { ...base.mock, ...preferred } };
    let resources: readonly Operation[] = options.spec.operations;
    if (operation) {
      resources = [operation];
      routed.add(resources);
    }
    const result = await prism.request(input, resources as never[], config)();
    if (result._tag === "Left") {
      return result.left instanceof RequestMistake
        ? { kind: "mistake", diagnostics: result.left.diagnostics }
        : { kind: "refused", error: result.left };
    }
    const { output, validations } = result.right;
    return {
      kind: "answer",
      output: output as PrismOutput,
      requestFindings: validations.input as Diagnostic[],
      responseFindings: validations.output as Diagnostic[],
    };
  };
}

/** Prism's proxy config needs an upstream URL; `forward` is ours and knows where it sends. */
const PLACEHOLDER_UPSTREAM = new URL("http://upstream.invalid/");

type Validators = Pick<PrismHttpComponents, "validateInput" | "validateOutput">;
type Validate<E> = (options: { resource: Operation; element: E }) => Either<E>;
type Either<E> = { _tag: "Left"; left: unknown } | { _tag: "Right"; right: E };

/** How many distinct requests or answers per operation {@link remembered} keeps the verdict of. */
const REMEMBERED = 64;
/** Larger requests or answers are checked every time: 64 of them must never hold much memory. */
const REMEMBERED_MAX_CHARS = 32 * 1024;

/**
 * One of Prism's checks (request or answer against the spec), remembered for what it has seen: a check is a
 * pure function of the operation and the request or answer (status, headers, body), so the same list asked
 * for and answered again costs a lookup instead of a schema validation of every token. Everything is still
 * checked; anything new in full.
 */
function remembered<F>(check: F, keyOf: (element: unknown) => string): F {
  const validate = check as unknown as Validate<unknown>;
  const verdicts = new WeakMap<object, Map<string, Either<unknown>>>();
  const rememberedCheck: Validate<unknown> = (options) => {
    const seen = verdicts.get(options.resource) ?? new Map<string, Either<unknown>>();
    verdicts.set(options.resource, seen);
    const key = keyOf(options.element);
    if (key.length > REMEMBERED_MAX_CHARS) return validate(options);
    const known = seen.get(key);
    if (known !== undefined) return known._tag === "Left" ? known : { _tag: "Right", right: options.element };
    const verdict = validate(options);
    if (seen.size >= REMEMBERED) seen.clear();
    seen.set(key, verdict);
    return verdict;
  };
  return rememberedCheck as unknown as F;
}

/**
 * The memo key of an answer: status, headers and body text, the body serialized by {@link serializeBody}
 * so the reply sends the same text without serializing the body again.
 */
function outputKey(element: unknown): string {
  const output = element as PrismOutput;
  return `${output.statusCode} ${JSON.stringify(output.headers ?? {})} ${serializeBody(output.body) ?? ""}`;
}

type MockComponent = PrismHttpComponents["mock"];

/** Prism's mocker, its answer adjusted when the request is valid and `Prefer` picked no code or example. */
function adjustedMock(adjust: NonNullable<EngineOptions["adjust"]>): MockComponent {
  const prismMock = (requirePrismPart("dist/mocker") as { default: MockComponent }).default;
  const mock: MockComponent = (options) => (logger) => {
    const result = prismMock(options)(logger) as unknown as Either<PrismOutput>;
    const chosen = options.config.code !== undefined || options.config.exampleKey !== undefined;
    if (result._tag === "Left" || chosen || options.input.validations.length > 0) return result as never;
    return { _tag: "Right", right: adjust(options.resource, options.input.data, result.right) } as never;
  };
  return mock;
}

function baseConfig(options: EngineOptions): IHttpConfig {
  const mock = {
    dynamic: options.dynamic,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: false,
    upstreamProxy: undefined,
    mock,
  };
  // With `errors` on, Prism hands its findings about the request to `forward`, which refuses to pass on a
  // request that breaks the spec; the mock's front decides itself what a bad response becomes.
  return options.forward
    ? { ...shared, errors: options.refuseInvalid !== false, isProxy: true, upstream: PLACEHOLDER_UPSTREAM }
    : { ...shared, errors: false, isProxy: false };
}

/** The preferences that are set, or `undefined` when none is (most requests: no `Prefer` header). */
function definedOnly(preferences: Preferences): Preferences | undefined {
  const defined = Object.entries(preferences).filter(([, value]) => value !== undefined);
  return defined.length === 0 ? undefined : Object.fromEntries(defined);
}

type RouteComponent = PrismHttpComponents["route"];

/**
 * Prism's router, skipped for a request the front routed already (its one operation, in a list marked in
 * `routed`): the front's router is stricter than Prism's (exact paths, trailing slash included), so Prism's
 * search would find the same operation again at the cost of matching every path template. Anything else
 * (proxy mode's unrouted requests) goes through Prism's router.
 */
function preRouted(routed: WeakSet<readonly Operation[]>, route: RouteComponent): RouteComponent {
  const routeComponent = ((options: { resources: readonly Operation[] }) => {
    const [operation] = options.resources;
    return routed.has(options.resources) && operation !== undefined
      ? { _tag: "Right", right: operation }
      : (route as unknown as (o: unknown) => unknown)(options);
  }) as unknown as RouteComponent;
  return routeComponent;
}

type Logger = PrismHttpComponents["logger"];

/**
 * The logger, its `child(...)` made once per set of bindings: Prism asks for a child (`{ name: "PROXY" }`)
 * on every request, and a pino child costs an object graph and a serialization of the bindings each time.
 */
function sharedChildren(logger: Logger): Logger {
  const children = new Map<string, Logger>();
  return new Proxy(logger, {
    get(target, property, receiver) {
      if (property !== "child") return Reflect.get(target, property, receiver);
      return (bindings: Record<string, unknown>, ...rest: unknown[]) => {
        if (rest.length > 0) return target.child(bindings, ...(rest as []));
        const key = JSON.stringify(bindings);
        let child = children.get(key);
        if (child === undefined) {
          child = target.child(bindings);
          if (children.size < 16) children.set(key, child);
        }
        return child;
      };
    },
  });
}
