/**
 * Prism's validation output, turned into what the mock answers: the `sl-violations` header, and for a request
 * that breaks the spec the answer the real API (Django REST Framework) gives, naming every wrong field.
 * @module
 */
import { INVALID_BOOLEAN, INVALID_INTEGER, REQUIRED } from "../stateful/params.js";
import { bodyFields } from "../stateful/request-body.js";

/** One finding of Prism's validator (`IPrismDiagnostic`), as it reports them. */
export interface Diagnostic {
  path?: readonly (string | number)[];
  code?: string | number;
  message: string;
  /** 0 error, 1 warning, 2 information, 3 hint (`DiagnosticSeverity` of `@stoplight/types`). */
  severity: number;
}

/** One entry of the `sl-violations` header, as Prism's HTTP server writes it. */
export interface Violation {
  location: string[];
  severity: string;
  code: string | number | undefined;
  message: string;
}

const SEVERITIES = ["Error", "Warning", "Information", "Hint"];
/** Prism's server cuts the header near 8 KiB, below the usual 16 KiB limit of HTTP clients on all headers. */
const MAX_HEADER_LENGTH = 8 * 1024 - 100;

/** Prism's findings as `sl-violations` entries, located under `request` or `response`. */
export function toViolations(side: "request" | "response", diagnostics: readonly Diagnostic[]): Violation[] {
  return diagnostics.map((diagnostic) => ({
    location: [side, ...(diagnostic.path ?? []).map(String)],
    severity: SEVERITIES[diagnostic.severity] ?? "Error",
    code: diagnostic.code,
    message: diagnostic.message,
  }));
}

/** Whether a finding is an error (not a warning such as a deprecated parameter). */
export function isError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 0;
}

/**
 * The value of `sl-violations`: JSON with every character outside printable ASCII escaped (`\u043a`), so a
 * non-ASCII field name or an invalid UTF-8 byte in the request can never make the header invalid.
 */
export function violationsHeader(violations: readonly Violation[]): string {
  const json = JSON.stringify(violations).replace(
    /[^\x20-\x7e]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return json.length > MAX_HEADER_LENGTH ? `Too many violations! ${json.slice(0, MAX_HEADER_LENGTH)}` : json;
}

/**
 * The real API's answer to a request that breaks the spec: `400 {"<field>": ["<message>", ...]}` naming
 * every wrong field at once, in DRF's words. (A media type the operation does not take never gets here: the
 * front answers it 415 before Prism sees the request.)
 */
export function requestMistakeAnswer(
  diagnostics: readonly Diagnostic[],
  body: unknown,
): { status: number; body: Record<string, unknown> } {
  // A Map, not an object: a field named `constructor` or `__proto__` must not read (or set) the prototype.
  const fields = new Map<string, string[]>();
  for (const diagnostic of diagnostics.filter(isError)) {
    const [field, message] = drfField(diagnostic, body);
    const messages = fields.get(field) ?? [];
    if (!messages.includes(message)) messages.push(message);
    fields.set(field, messages);
  }
  return { status: 400, body: Object.fromEntries(fields) };
}

/** DRF's field and message for one finding of Prism's validator (ajv keywords, Prism's English messages). */
function drfField(diagnostic: Diagnostic, body: unknown): [string, string] {
  // path: ["body", "permanent"], ["query", "limit"], ["body"] (the object itself), ["path", "token_id_or_key"].
  const [, ...rest] = (diagnostic.path ?? []).map(String);
  const field = rest.join(".") || "non_field_errors";
  const message = diagnostic.message;
  switch (diagnostic.code) {
    case "required": {
      const missing = /required property '([^']+)'/.exec(message)?.[1];
      return [missing ?? field, REQUIRED];
    }
    case "additionalProperties": {
      const extra = /found '([^']+)'/.exec(message)?.[1];
      return [extra ?? field, "Unexpected field: the spec does not declare it."];
    }
    case "type": {
      const expected = /must be (\w+)/.exec(message)?.[1];
      // The body itself is not an object: the API's own words for what was sent instead.
      const notObject = field === "non_field_errors" ? bodyFields(undefined, body) : undefined;
      if (notObject !== undefined && !notObject.ok) return [field, notObject.detail];
      if (expected === "boolean") return [field, INVALID_BOOLEAN];
      if (expected === "integer" || expected === "number") return [field, INVALID_INTEGER];
      return [field, `Not a valid ${expected ?? "value"}.`];
    }
    case "minimum":
      return [field, `Ensure this value is greater than or equal to ${/>= ?(-?[\d.]+)/.exec(message)?.[1]}.`];
    case "maximum":
      return [field, `Ensure this value is less than or equal to ${/<= ?(-?[\d.]+)/.exec(message)?.[1]}.`];
    case "minLength":
      return [field, "This field may not be blank."];
    default:
      return [field, message.replace(/^Request (body|query parameter|path parameter|header) /, "")];
  }
}
