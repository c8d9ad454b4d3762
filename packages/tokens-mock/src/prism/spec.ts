import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { MockServerError } from "../errors.js";
import { type CheckedSpec, formatSpecProblem, parseSpecText } from "./check-spec.js";
import { type Operation, prismHttp } from "./runtime.js";

/**
 * The spec being served, held in one place: every request reads `operations` once, at its start, so a reload
 * can swap in a new spec with a single assignment and no request ever sees half of each.
 */
export interface SpecHolder {
  /** The document's path. */
  readonly path: string;
  /** The operations of the document, dereferenced by Prism. */
  operations: readonly Operation[];
}

/**
 * Absolute path of the OpenAPI document of `@neuroio/tokens-spec`, the one the mock serves by default.
 * @throws {MockServerError} `SPEC_NOT_FOUND` when the package is not installed.
 */
export function defaultSpecPath(): string {
  try {
    return createRequire(import.meta.url).resolve("@neuroio/tokens-spec");
  } catch (error) {
    throw new MockServerError(
      "SPEC_NOT_FOUND",
      "Spec not found: the package @neuroio/tokens-spec is not installed (run pnpm install).",
      { cause: error },
    );
  }
}

/**
 * Reads, checks and dereferences the OpenAPI document into Prism's operations.
 * @param specPath The document; the one of `@neuroio/tokens-spec` when omitted.
 * @throws {MockServerError} `SPEC_NOT_FOUND` when the file is missing, `SPEC_INVALID` when it is broken (the
 * file, line and what is wrong) or declares no operation.
 */
export async function loadSpec(specPath: string = defaultSpecPath()): Promise<SpecHolder> {
  if (!existsSync(specPath)) {
    throw new MockServerError("SPEC_NOT_FOUND", `Spec not found: ${specPath} does not exist.`);
  }
  // Our check first: it names the line of a YAML or OpenAPI mistake, which Prism's reader does not.
  const checked = parseSpecText(specPath, readFileSync(specPath, "utf8"));
  if (checked.problem) {
    throw new MockServerError("SPEC_INVALID", `Spec ${formatSpecProblem(checked.problem)}`);
  }
  return { path: specPath, operations: await readOperations(specPath, checked) };
}

/**
 * Prism's operations of a document that passed our check (at start, and on each reload).
 * @throws {MockServerError} `SPEC_INVALID` when Prism cannot read it or it declares no operation.
 */
export async function readOperations(specPath: string, checked: CheckedSpec): Promise<Operation[]> {
  let operations: Operation[];
  try {
    // A document that refers to no other file is handed to Prism parsed: Prism would parse the file again
    // (the same parser, the same data). Relative references in other files are resolved from the file.
    const source = checked.selfContained ? (checked.document as object) : specPath;
    operations = await prismHttp().getHttpOperationsFromSpec(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MockServerError("SPEC_INVALID", `Spec ${specPath} cannot be read: ${reason}`, { cause: error });
  }
  if (operations.length === 0) {
    throw new MockServerError("SPEC_INVALID", `Spec ${specPath} declares no operation.`);
  }
  return operations;
}
