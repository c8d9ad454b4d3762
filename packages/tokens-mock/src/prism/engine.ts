/**
 * Prism in-process: validates the request, mocks (examples, generated) or forwards (proxy,
 * stateful), validates the response. No HTTP server of Prism's runs: the mock's front calls {@link Engine}.
 * @module
 */

import type { IHttpConfig, IHttpOperationConfig, PrismHttpComponents } from "@stoplight/prism-http";
import { forwardTo, type PrismInput, type PrismOutput } from "./forward.js";
import { requirePrismPart } from "./prism-require.js";
import { type Operation, prismHttp } from "./runtime.js";
import { type Diagnostic, isError } from "./violations.js";

/** How the engine produces answers. */
export interface EngineOptions {
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

/** The outcome of one request. */
export type Outcome =
  /**
   * An answer (mocked or forwarded), with what Prism found wrong in the request and in the answer; `chosen`
   * when `Prefer` picked its status or example.
   */
  | {
      kind: "answer";
      output: PrismOutput;
      requestFindings: Diagnostic[];
      responseFindings: Diagnostic[];
      chosen: boolean;
    }
  /** The request broke the spec: not mocked nor forwarded, the mock answers it from the findings. */
  | { kind: "mistake"; diagnostics: readonly Diagnostic[] }
  /** Prism refused the request itself (`Prefer: code=418`, an upstream that cannot be reached...). */
  | { kind: "refused"; error: Error & { status?: number; detail?: string } };

/**
 * Answers one request the way Prism does, without its HTTP server, for the `operation` the front routed it
 * to; without one (proxy mode: a path the spec lacks) it is forwarded unchecked, as Prism's proxy does.
 */
export type Engine = (input: PrismInput, operation?: Operation) => Promise<Outcome>;

/** Creates the {@link Engine} of a mode. */
export function createEngine(options: EngineOptions): Engine {
  const validator = requirePrismPart("dist/validator") as Validators;
  const validateInput = remembered(validator.validateInput);
  const base = baseConfig(options);
  const prism = prismHttp().createInstance(base, {
    logger: options.logger,
    route: routed,
    validateInput,
    validateOutput: remembered(validator.validateOutput),
    ...(options.adjust ? { mock: adjustedMock(options.adjust) } : {}),
    ...(options.forward ? { forward: forwardTo(options.forward) } : {}),
  });
  return async (input, operation) => {
    const preferences = parsePrefer(input.headers?.prefer);
    const chosen = preferences.code !== undefined || preferences.exampleKey !== undefined;
    // A request that breaks the spec gets the real API's answer, neither an example (unless `Prefer` chose
    // one) nor a forward (unless a lenient proxy passes it on). Prism's own check of it is then remembered.
    if (operation && (options.forward ? options.refuseInvalid !== false : !chosen)) {
      const check = validateInput as unknown as Validate<PrismInput>;
      const checked = check({ resource: operation, element: input });
      const diagnostics = checked._tag === "Left" ? (checked.left as Diagnostic[]) : [];
      if (diagnostics.some(isError)) return { kind: "mistake", diagnostics };
    }
    // A fresh config each time: Prism fills its defaults into the one it is given.
    const config = { ...base, mock: { ...base.mock, ...preferences } };
    const result = await prism.request(input, (operation ? [operation] : []) as never[], config)();
    if (result._tag === "Left") return { kind: "refused", error: result.left };
    const { output, validations } = result.right;
    return {
      kind: "answer",
      output: output as PrismOutput,
      requestFindings: validations.input as Diagnostic[],
      responseFindings: validations.output as Diagnostic[],
      chosen,
    };
  };
}

/**
 * Prism's router, replaced: the front routes every request itself (exact paths, the 404 and 405 hints) and
 * passes the operation found, or none.
 */
const routed = (({ resources }: { resources: readonly Operation[] }) =>
  resources[0] === undefined
    ? { _tag: "Left", left: new Error("No operation of the spec matches the request.") }
    : { _tag: "Right", right: resources[0] }) as unknown as PrismHttpComponents["route"];

/**
 * Prism's config of a mode. `errors` stays off: the engine and the front decide what a request or an answer
 * that breaks the spec becomes, and a proxy without an operation for the path forwards the request unchecked.
 */
function baseConfig(options: EngineOptions): IHttpConfig {
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: false,
    errors: false,
    upstreamProxy: undefined,
    mock: { dynamic: options.dynamic, ...(options.seed === undefined ? {} : { seed: options.seed }) },
  };
  // Prism's proxy config needs an upstream URL; `forward` is ours and knows where it sends.
  return options.forward
    ? { ...shared, isProxy: true, upstream: new URL("http://upstream.invalid/") }
    : { ...shared, isProxy: false };
}

/** `Prefer: code=404, example=permanent, dynamic=true, seed=abc`; values that make no sense are ignored. */
function parsePrefer(header: string | undefined): Partial<IHttpOperationConfig> {
  const preferences: Partial<IHttpOperationConfig> = {};
  for (const part of (header ?? "").split(/[,;]/)) {
    const [name = "", value = ""] = part.split("=").map((item) => item.trim().replace(/^"|"$/g, ""));
    if (name === "code" && /^\d{3}$/.test(value)) preferences.code = Number(value);
    else if (name === "example" && value !== "") preferences.exampleKey = value;
    else if (name === "dynamic" && (value === "true" || value === "false"))
      preferences.dynamic = value === "true";
    else if (name === "seed" && value !== "") preferences.seed = value;
  }
  return preferences;
}

type Validators = Pick<PrismHttpComponents, "validateInput" | "validateOutput">;
type Validate<E> = (options: { resource: Operation; element: E }) => Either<E>;
type Either<E> = { _tag: "Left"; left: unknown } | { _tag: "Right"; right: E };

/** How many distinct requests or answers per operation {@link remembered} keeps the verdict of. */
const REMEMBERED = 64;
/** Larger requests or answers are checked every time: 64 of them must never hold much memory. */
const REMEMBERED_MAX_CHARS = 32 * 1024;

/**
 * One of Prism's checks (request or answer against the spec), remembered for what it has seen: a check is a
 * pure function of the operation and the request or answer (status, headers, body: its JSON is the key), so
 * the same list asked for and answered again costs a lookup instead of a schema validation of every token
 * (without it the stateful mode spends about 40% more CPU per list request). Everything is still checked;
 * anything new in full.
 */
function remembered<F>(check: F): F {
  const validate = check as unknown as Validate<unknown>;
  const verdicts = new WeakMap<object, Map<string, Either<unknown>>>();
  const rememberedCheck: Validate<unknown> = (options) => {
    const seen = verdicts.get(options.resource) ?? new Map<string, Either<unknown>>();
    verdicts.set(options.resource, seen);
    const key = JSON.stringify(options.element) ?? "";
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
