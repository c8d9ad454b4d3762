import type { PrismHttpComponents } from "@stoplight/prism-http";
import type { LogSink } from "../options.js";

/** The mock's log: one line per answered mistake, internal errors, and every request when verbose. */
export interface Log {
  /** A request the mock refused: `POST /v1/tokens/ 400 permanent: Must be a valid boolean.` */
  mistake(method: string, path: string, status: number, summary: string): void;
  /** A failure of the mock itself (an error, or an answer of its own that breaks the spec). */
  error(message: string): void;
  /** An event the user should see unless quiet (`spec reloaded in 12 ms`). */
  info(message: string): void;
  /** Every answered request, in verbose mode only. */
  request(method: string, path: string, status: number): void;
  /** Prism's logger: silent unless verbose, its lines masked like the mock's. */
  readonly prism: PrismHttpComponents["logger"];
}

/** Prism's log calls (pino's, `logger.warn({ name }, message)`) by the level they are printed at. */
const PRISM_LEVELS: Record<string | symbol, string> = {
  info: "info",
  success: "log",
  warn: "warn",
  error: "error",
  fatal: "fatal",
};

/**
 * Creates the log. Nothing is logged when `quiet`; a 204 or any other success logs nothing unless `verbose`.
 * Every line goes through {@link maskSecrets}: token keys in paths and URL passwords never reach the sink.
 */
export function createLog(options: { quiet: boolean; verbose: boolean; sink?: LogSink }): Log {
  const sink = options.sink ?? ((line: string) => process.stderr.write(`${line}\n`));
  const write = (level: string, message: string) => {
    if (!options.quiet) sink(`[mock] ${level}: ${maskSecrets(message)}`);
  };
  // Prism needs only pino's level methods and `child`; this stands in for pino, without its cost per request.
  const prism: Log["prism"] = new Proxy({} as Log["prism"], {
    get: (_target, method) => {
      if (method === "child") return () => prism;
      const level = PRISM_LEVELS[method];
      return (...args: unknown[]) => {
        const message = args.at(-1); // after pino's optional bindings object
        if (options.verbose && level !== undefined && typeof message === "string") write(level, message);
      };
    },
  });
  return {
    mistake: (method, path, status, summary) => write("warn", `${method} ${path} ${status} ${summary}`),
    error: (message) => write("error", message),
    info: (message) => write("info", message),
    request: (method, path, status) => {
      // A space, not a comma, after the path: the key mask takes what follows "/tokens/" up to a space.
      if (options.verbose) write("info", `Request received: ${method} ${path} (answered ${status})`);
    },
    prism,
  };
}

/**
 * Masks what must never be logged: a token key in a `/tokens/<key>/` path (ids stay readable; also `/token/`,
 * `/TOKENS/`, `/tokens//`), any path segment that looks like a key, the key of a `Token <key>` credential,
 * and the password of a URL (`http://user:***@host`).
 */
export function maskSecrets(text: string): string {
  return (
    text
      .replace(/(\/tokens?\/+)([^/?#\s"]+)/gi, (whole, prefix: string, segment: string) =>
        /^\d+$/.test(segment) ? whole : `${prefix}${maskKey(segment)}`,
      )
      // A key in a mistyped path (`/v1/token/<key>/`, `/v1/x/../<key>/`): a long alphanumeric segment with a
      // digit, as the API's 40-hex keys are (file names such as `neuroio-stateful-x1` stay readable).
      .replace(/(?<=(?:^|[^/])\/)[A-Za-z0-9]{16,}(?=[/?#\s"',]|$)/g, (segment) =>
        /^\d+$/.test(segment) || !/\d/.test(segment) ? segment : maskKey(segment),
      )
      .replace(/\b(Token|Bearer)\s+[^\s"',]+/gi, "$1 ***")
      .replace(/(\/\/[^/:@\s]*):[^@/\s]*@/g, "$1:***@")
  );
}

/** A key shortened to its last four characters (enough to tell keys apart), or `***` when short. */
function maskKey(key: string): string {
  return key.length >= 16 ? `***${key.slice(-4)}` : "***";
}
