import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { MockServerError } from "../errors.js";
import { type CheckedSpec, formatSpecProblem, parseSpecText } from "./check-spec.js";
import { type Operation, prismHttp } from "./runtime.js";
import { specCacheEntry } from "./spec-cache.js";

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
  return { path: specPath, operations: await readOperations(specPath, readFileSync(specPath)) };
}

/**
 * Prism's operations of the document whose file holds `bytes` (at start, and on each reload): the ones stored
 * for these exact bytes when there are, else checked (unless `checkedAlready` is that check) and read by Prism.
 * @throws {MockServerError} `SPEC_INVALID` when the document is broken (the file, line and what is wrong),
 * Prism cannot read it, or it declares no operation.
 */
export async function readOperations(
  specPath: string,
  bytes: Buffer,
  checkedAlready?: CheckedSpec,
): Promise<Operation[]> {
  // These exact bytes were read into operations before (a spec that passed the checks): reused as they were.
  const cache = specCacheEntry(bytes);
  const cached = cache?.read();
  if (cached !== undefined) return cached;
  // Our check first: it names the line of a YAML or OpenAPI mistake, which Prism's reader does not.
  const checked = checkedAlready ?? parseSpecText(specPath, bytes.toString("utf8"));
  if (checked.problem) {
    throw new MockServerError("SPEC_INVALID", `Spec ${formatSpecProblem(checked.problem)}`);
  }
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
  // Only a document that is the whole spec: another file it refers to could change without these bytes changing.
  if (checked.selfContained) cache?.store(operations);
  return operations;
}
