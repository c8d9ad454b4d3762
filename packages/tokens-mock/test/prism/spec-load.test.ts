/**
 * Loading the spec parses it once: a document that refers to no other file is handed to Prism as the data our
 * check parsed, which must give the operations Prism makes from the file itself; a document with a `$ref` to
 * another file is still read by Prism from its path, so the reference resolves next to it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSpecText } from "../../src/prism/check-spec.js";
import { prismHttp } from "../../src/prism/runtime.js";
import { defaultSpecPath, loadSpec } from "../../src/prism/spec.js";
import { tempDir } from "../stateful/helpers.js";

const SPLIT_SPEC = `openapi: 3.1.0
info:
  title: split
  version: "1"
paths:
  /things/:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: "./schemas.yaml#/Thing"
              example:
                name: from the other file
`;

const SCHEMAS = `Thing:
  type: object
  required: [name]
  properties:
    name:
      type: string
      maxLength: 20
`;

describe("loading the spec", () => {
  it("gives the operations Prism makes from the file, for the repository's (self-contained) spec", async () => {
    const path = defaultSpecPath();
    const checked = parseSpecText(path, readFileSync(path, "utf8"));
    expect(checked.problem).toBeUndefined();
    expect(checked.selfContained).toBe(true);
    const fromFile = await prismHttp().getHttpOperationsFromSpec(path);
    expect((await loadSpec(path)).operations).toEqual(fromFile);
  });

  it("leaves a spec with a $ref to another file to Prism's reader, which resolves it next to the spec", async () => {
    const dir = tempDir();
    const path = join(dir, "split.yaml");
    writeFileSync(path, SPLIT_SPEC);
    writeFileSync(join(dir, "schemas.yaml"), SCHEMAS);
    expect(parseSpecText(path, SPLIT_SPEC).selfContained).toBe(false);
    const { operations } = await loadSpec(path);
    const schema = operations[0]?.responses[0]?.contents?.[0]?.schema as { properties?: object } | undefined;
    expect(schema?.properties).toEqual({ name: { type: "string", maxLength: 20 } });
  });
});
