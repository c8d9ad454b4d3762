/**
 * Prism in-process: routes, validates the request, mocks (examples, generated) or forwards (proxy,
 * stateful), validates the response. No HTTP server of Prism's runs: the mock's front calls {@link Engine}.
 * @module
 */

import { createRequire } from "node:module";
import type { IHttpConfig, PrismHttpComponents } from "@stoplight/prism-http";
import { forwardTo, type PrismInput, type PrismOutput, RequestMistake } from "./forward.js";
import { type Operation, prismHttp } from "./runtime.js";
import type { SpecHolder } from "./spec.js";
import type { Diagnostic } from "./violations.js";

const requireHere = createRequire(import.meta.url);

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

/** Answers one request the way Prism does, without its HTTP server. */
export type Engine = (input: PrismInput, preferences: Preferences) => Promise<Outcome>;

/** Creates the {@link Engine} of a mode; the spec is read from `options.spec` at every request. */
export function createEngine(options: EngineOptions): Engine {
  const http = prismHttp();
  const forward = options.forward;
  const prism = http.createInstance(baseConfig(options), {
    logger: options.logger,
    ...(forward ? { forward: forwardTo(forward) } : {}),
    ...(options.adjust ? { mock: adjustedMock(options.adjust) } : {}),
  });
  const base = baseConfig(options);
  return async (input, preferences) => {
    const config = { ...base, mock: { ...base.mock, ...definedOnly(preferences) } };
    const result = await prism.request(input, options.spec.operations as never[], config)();
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

type MockComponent = PrismHttpComponents["mock"];
type Either = { _tag: "Left"; left: unknown } | { _tag: "Right"; right: PrismOutput };

/** Prism's mocker, its answer adjusted when the request is valid and `Prefer` picked no code or example. */
function adjustedMock(adjust: NonNullable<EngineOptions["adjust"]>): MockComponent {
  const prismMock = requireHere("@stoplight/prism-http/dist/mocker").default as MockComponent;
  const mock: MockComponent = (options) => (logger) => {
    const result = prismMock(options)(logger) as unknown as Either;
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

function definedOnly(preferences: Preferences): Preferences {
  return Object.fromEntries(Object.entries(preferences).filter(([, value]) => value !== undefined));
}
