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

/** A spec's text parsed and checked ({@link checkSpecText}): the first problem, or the document. */
export type ParsedSpec =
  | { problem: SpecProblem; document?: undefined; selfContained?: undefined }
  | {
      problem: undefined;
      /** The document as YAML data: what Prism's own reader makes of the text (same parser, same options). */
      document: unknown;
      /** No parser warning and no `$ref` to another file or URL: the document alone is the whole spec. */
      selfContained: boolean;
    };

/** {@link checkSpecText}, and the parsed document when there is no problem, so it need not be parsed again. */
export function parseSpecText(file: string, text: string): ParsedSpec {
  const parsed = parseWithPointers<unknown>(text, { ignoreDuplicateKeys: false });
  const syntax = parsed.diagnostics.find((diagnostic) => diagnostic.severity === ERROR_SEVERITY);
  if (syntax) return { problem: { file, line: syntax.range.start.line + 1, message: syntax.message } };
  const problem = checkDocument(parsed.data);
  if (problem) {
    const message = `${dotted(problem.path)}: ${problem.message}`;
    return { problem: { file, line: lineOf(parsed, problem.path), message } };
  }
  const selfContained = parsed.diagnostics.length === 0 && !hasOutsideRef(parsed.data);
  return { problem: undefined, document: parsed.data, selfContained };
}

/** Whether any `$ref` of the document points outside it (another file, a URL). */
function hasOutsideRef(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasOutsideRef);
  if (!isMap(node)) return false;
  if (typeof node.$ref === "string" && !node.$ref.startsWith("#")) return true;
  return Object.values(node).some(hasOutsideRef);
}

interface Located {
  path: Path;
  message: string;
}

function checkDocument(doc: unknown): Located | undefined {
  if (!isMap(doc)) return { path: [], message: `expected an OpenAPI document (a mapping), got ${kind(doc)}` };
  const version = doc.openapi;
  if (typeof version !== "string" || !/^3\.[01]\.\d+$/.test(version)) {
    return { path: ["openapi"], message: `expected "3.0.x" or "3.1.x", got ${show(version)}` };
  }
  if (!isMap(doc.info)) return { path: ["info"], message: `expected a mapping, got ${kind(doc.info)}` };
  for (const field of ["title", "version"] as const) {
    if (typeof doc.info[field] !== "string") {
      return { path: ["info", field], message: `expected a string, got ${kind(doc.info[field])}` };
    }
  }
  if (!isMap(doc.paths)) return { path: ["paths"], message: `expected a mapping, got ${kind(doc.paths)}` };
  return checkPaths(doc.paths) ?? checkRefs(doc, doc, []);
}

function checkPaths(paths: Record<string, unknown>): Located | undefined {
  for (const [route, item] of Object.entries(paths)) {
    if (!route.startsWith("/")) return { path: ["paths", route], message: 'a path must start with "/"' };
    if (!isMap(item)) return { path: ["paths", route], message: `expected a mapping, got ${kind(item)}` };
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const at = ["paths", route, method];
      if (!isMap(operation))
        return { path: at, message: `expected an operation (a mapping), got ${kind(operation)}` };
      const responses = operation.responses;
      if (!isMap(responses) || Object.keys(responses).length === 0) {
        return {
          path: [...at, "responses"],
          message: `expected a mapping of status codes, got ${kind(responses)}`,
        };
      }
      const status = Object.keys(responses).find((code) => !STATUS.test(code));
      if (status !== undefined) {
        return {
          path: [...at, "responses", status],
          message: `"${status}" is not a status code (100-599, 4XX, default)`,
        };
      }
    }
  }
  return undefined;
}

/** Every `$ref` that starts with `#/` must name a node of the document (external ones are Prism's to read). */
function checkRefs(doc: Record<string, unknown>, node: unknown, path: Path): Located | undefined {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) {
      const found = checkRefs(doc, item, [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (!isMap(node)) return undefined;
  const ref = node.$ref;
  if (typeof ref === "string" && ref.startsWith("#") && resolvePointer(doc, ref) === undefined) {
    return { path: [...path, "$ref"], message: `"${ref}" points at nothing in this document` };
  }
  for (const [key, value] of Object.entries(node)) {
    const found = checkRefs(doc, value, [...path, key]);
    if (found) return found;
  }
  return undefined;
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

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : kind(value);
}

function dotted(path: Path): string {
  return path.length === 0 ? "document" : path.join(".");
}
