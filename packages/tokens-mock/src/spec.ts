import { existsSync } from "node:fs";
import type * as PrismHttp from "@stoplight/prism-http";
import { MockServerError } from "./errors.js";
import { prismHttpOfServer } from "./prism-modules.js";
import { defaultSpecPath } from "./spec-path.js";

/** Prism's description of one operation of the spec (method, path, parameters, responses). */
export type Operation = Awaited<ReturnType<typeof PrismHttp.getHttpOperationsFromSpec>>[number];

/**
 * Reads and dereferences the OpenAPI document into Prism's operations.
 * @param specPath The document; the one of `@neuroio/tokens-spec` when omitted.
 * @throws {MockServerError} `SPEC_NOT_FOUND` when the file is missing, `SPEC_INVALID` when it has no operation
 * or cannot be parsed.
 */
export async function loadOperations(specPath: string = defaultSpecPath()): Promise<Operation[]> {
  if (!existsSync(specPath)) {
    throw new MockServerError("SPEC_NOT_FOUND", `Spec not found: ${specPath} does not exist.`);
  }
  let operations: Operation[];
  try {
    operations = await prismHttpOfServer().getHttpOperationsFromSpec(specPath);
  } catch (error) {
    throw new MockServerError("SPEC_INVALID", `Spec ${specPath} cannot be read: ${describe(error)}`, {
      cause: error,
    });
  }
  if (operations.length === 0) {
    throw new MockServerError("SPEC_INVALID", `Spec ${specPath} declares no operation.`);
  }
  return operations;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
