import type { Operation } from "../../src/prism/runtime.js";
import { loadSpec } from "../../src/prism/spec.js";

let operations: Promise<readonly Operation[]> | undefined;

/** The spec's operations as Prism reads them (loaded once per test file). */
export function specOperations(): Promise<readonly Operation[]> {
  operations ??= loadSpec().then((spec) => spec.operations);
  return operations;
}

/**
 * The value of a named example of a response in the spec, or of its first example when `key` is omitted
 * (the one Prism serves by default). Fails when the spec has no such example, so a renamed example breaks
 * the test that relies on it.
 */
export async function specExample(operationId: string, code: string, key?: string): Promise<unknown> {
  const operation = (await specOperations()).find((candidate) => candidate.iid === operationId);
  if (operation === undefined) throw new Error(`The spec has no operation ${operationId}.`);
  const response = operation.responses.find((candidate) => candidate.code === code);
  const examples = response?.contents?.[0]?.examples ?? [];
  const example = key === undefined ? examples[0] : examples.find((candidate) => candidate.key === key);
  if (example === undefined || !("value" in example)) {
    throw new Error(`The spec has no example ${key ?? "(first)"} for ${operationId} ${code}.`);
  }
  return example.value;
}

/** The status codes the spec declares for an operation. */
export async function specCodes(operationId: string): Promise<string[]> {
  const operation = (await specOperations()).find((candidate) => candidate.iid === operationId);
  return operation?.responses.map((response) => response.code) ?? [];
}
