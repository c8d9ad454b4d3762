import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MockServer } from "../src/index.js";
import { defaultSpecPath } from "../src/prism/spec.js";
import { call, startTestMock } from "./support/mock.js";

/** The spec with one broken example: the temporary token's `id` becomes a string. */
async function writeSpecWithBadExample(directory: string): Promise<string> {
  const original = await readFile(defaultSpecPath(), "utf8");
  const good =
    "    TemporaryToken:\n      summary: A temporary token, expiring 24 hours after creation\n      value:\n        id: 2\n";
  if (!original.includes(good)) throw new Error("The spec's TemporaryToken example moved: update this test.");
  const path = join(directory, "tokens.openapi.yaml");
  await writeFile(path, original.replace(good, good.replace("id: 2", 'id: "two"')));
  return path;
}

/** Picks the broken example by name (a request for id 2 would get the good token 2 of the list example). */
const TEMPORARY = { headers: { prefer: "example=temporary" } };

describe("errors mode (the mock validates its own answers)", () => {
  let directory: string;
  let strict: MockServer;
  let lenient: MockServer;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "tokens-mock-"));
    const specPath = await writeSpecWithBadExample(directory);
    [strict, lenient] = await Promise.all([
      startTestMock({ specPath, errors: true }),
      startTestMock({ specPath, errors: false }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([strict?.close(), lenient?.close()]);
    await rm(directory, { recursive: true, force: true });
  });

  it("answers a bad example of the spec with a 500 naming the violation", async () => {
    const result = await call(strict, "GET", "/v1/tokens/2/", TEMPORARY);
    expect(result.status).toBe(500);
    expect(result.headers.get("content-type")).toBe("application/problem+json");
    expect(result.json).toMatchObject({
      validation: [expect.objectContaining({ location: ["response", "body", "id"] })],
    });
  });

  it("refuses the same bad answer every time, and a good one in between does not change that", async () => {
    // Prism's verdicts are remembered per answer: a remembered refusal must stay a refusal.
    const statuses = [];
    for (const prefer of ["example=temporary", "example=permanent", "example=temporary"]) {
      statuses.push((await call(strict, "GET", "/v1/tokens/2/", { headers: { prefer } })).status);
    }
    expect(statuses).toEqual([500, 200, 500]);
  });

  it("without errors mode sends the bad example, reporting it in sl-violations", async () => {
    const result = await call(lenient, "GET", "/v1/tokens/2/", TEMPORARY);
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ id: "two" });
    expect(result.headers.get("sl-violations")).toContain('"location":["response","body","id"]');
  });

  it("still answers the examples that are good", async () => {
    const result = await call(strict, "GET", "/v1/tokens/2/", { headers: { prefer: "example=permanent" } });
    expect(result.status).toBe(200);
  });
});
