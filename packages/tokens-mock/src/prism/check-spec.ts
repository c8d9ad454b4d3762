import { getLocationForJsonPath, parseWithPointers } from "@stoplight/yaml";

/** What is wrong with a spec document, and where. */
export interface SpecProblem {
  /** The document, as given. */
  file: string;
  /** 1-based line of the problem, when it can be pointed at. */
  line: number | undefined;
  /** What is wrong, e.g. `paths./v1/tokens/.get.responses: expected a mapping, got a string`. */
  message: string;
}

/** One line naming the file, the line and what is wrong: `spec.yaml:12: bad indentation of a mapping entry`. */
export function formatSpecProblem(problem: SpecProblem): string {
  return `${problem.file}${problem.line === undefined ? "" : `:${problem.line}`}: ${problem.message}`;
}

type Path = readonly (string | number)[];
type Parsed = ReturnType<typeof parseWithPointers<unknown>>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const STATUS = /^(?:[1-5](?:\d\d|XX)|default)$/;
/** `DiagnosticSeverity.Error` of `@stoplight/types`: warnings of the YAML parser do not stop a reload. */
const ERROR_SEVERITY = 0;

/**
 * Parses an OpenAPI document (YAML or JSON text) and checks what the mock needs of it: valid YAML without
 * duplicate keys, `openapi: 3.0.x | 3.1.x`, an `info` with title and version, `paths` of operations that
 * each declare responses keyed by status code, and every local `$ref` pointing at something. It is not a
 * linter (`pnpm lint:spec` is): it catches the edits that would make the mock serve nothing or crash.
 * @returns the first problem found, or `undefined` when the document is usable.
 */
export function checkSpecText(file: string, text: string): SpecProblem | undefined {
  return parseSpecText(file, text).problem;
}

/** A spec's text that passed {@link checkSpecText}, parsed. */
export interface CheckedSpec {
  problem: undefined;
  /** The document as YAML data: what Prism's own reader makes of the text (same parser, same options). */
  document: unknown;
  /** No parser warning and no `$ref` to another file or URL: the document alone is the whole spec. */
  selfContained: boolean;
}

/** A spec's text parsed and checked ({@link checkSpecText}): the first problem, or the document. */
export type ParsedSpec =
  | { problem: SpecProblem; document?: undefined; selfContained?: undefined }
  | CheckedSpec;

/** {@link checkSpecText}, and the parsed document when there is no problem, so it need not be parsed again. */
export function parseSpecText(file: string, text: string): ParsedSpec {
  const parsed = parseWithPointers<unknown>(text, { ignoreDuplicateKeys: false });
  const syntax = parsed.diagnostics.find((diagnostic) => diagnostic.severity === ERROR_SEVERITY);
  if (syntax) return { problem: { file, line: syntax.range.start.line + 1, message: syntax.message } };
  let refersOutside: boolean;
  try {
    refersOutside = checkDocument(parsed.data);
  } catch (error) {
    if (!(error instanceof Found)) throw error;
    const where = error.path.length === 0 ? "document" : error.path.join(".");
    return { problem: { file, line: lineOf(parsed, error.path), message: `${where}: ${error.message}` } };
  }
  const selfContained = parsed.diagnostics.length === 0 && !refersOutside;
  return { problem: undefined, document: parsed.data, selfContained };
}

/** The first problem of the document: what is wrong at `path`. */
class Found {
  constructor(
    readonly path: Path,
    readonly message: string,
  ) {}
}

/** Throws {@link Found} unless `condition` holds: the checks below read as a list of rules. */
function must(condition: boolean, path: Path, message: string): asserts condition {
  if (!condition) throw new Found(path, message);
}

function mustBeMap(value: unknown, path: Path): asserts value is Record<string, unknown> {
  must(isMap(value), path, `expected a mapping, got ${kind(value)}`);
}

/** Throws {@link Found} at the first problem; returns whether a `$ref` points outside the document. */
function checkDocument(doc: unknown): boolean {
  must(isMap(doc), [], `expected an OpenAPI document (a mapping), got ${kind(doc)}`);
  const version = doc.openapi;
  const got = typeof version === "string" ? JSON.stringify(version) : kind(version);
  const supported = typeof version === "string" && /^3\.[01]\.\d+$/.test(version);
  must(supported, ["openapi"], `expected "3.0.x" or "3.1.x", got ${got}`);
  mustBeMap(doc.info, ["info"]);
  for (const field of ["title", "version"]) {
    const value = doc.info[field];
    must(typeof value === "string", ["info", field], `expected a string, got ${kind(value)}`);
  }
  mustBeMap(doc.paths, ["paths"]);
  for (const [route, item] of Object.entries(doc.paths)) {
    must(route.startsWith("/"), ["paths", route], 'a path must start with "/"');
    mustBeMap(item, ["paths", route]);
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const at = ["paths", route, method];
      must(isMap(operation), at, `expected an operation (a mapping), got ${kind(operation)}`);
      const { responses } = operation;
      const listed = isMap(responses) && Object.keys(responses).length > 0;
      must(listed, [...at, "responses"], `expected a mapping of status codes, got ${kind(responses)}`);
      for (const status of Object.keys(responses)) {
        const message = `"${status}" is not a status code (100-599, 4XX, default)`;
        must(STATUS.test(status), [...at, "responses", status], message);
      }
    }
  }
  return checkRefs(doc, doc, []);
}

/**
 * Every `$ref` that starts with `#` must name a node of the document (external ones are Prism's to read).
 * @returns whether any `$ref` points outside the document (another file, a URL): one walk does both.
 */
function checkRefs(doc: Record<string, unknown>, node: unknown, path: Path): boolean {
  if (typeof node !== "object" || node === null) return false;
  const ref = (node as { $ref?: unknown }).$ref;
  const local = typeof ref === "string" && ref.startsWith("#");
  must(
    !local || resolvePointer(doc, ref) !== undefined,
    [...path, "$ref"],
    `"${ref}" points at nothing in this document`,
  );
  let outside = typeof ref === "string" && !local;
  for (const [key, value] of Object.entries(node)) {
    if (checkRefs(doc, value, [...path, Array.isArray(node) ? Number(key) : key])) outside = true;
  }
  return outside;
}

function resolvePointer(doc: unknown, ref: string): unknown {
  if (ref === "#") return doc;
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    } catch {
      return undefined;
    }
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isMap(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

function lineOf(parsed: Parsed, path: Path): number | undefined {
  // The deepest part of the path that exists in the text: a missing key is reported where its parent is.
  for (let length = path.length; length >= 0; length--) {
    const location = getLocationForJsonPath(parsed, path.slice(0, length), true);
    if (location) return location.range.start.line + 1;
  }
  return undefined;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a mapping" : `a ${typeof value}`;
}
