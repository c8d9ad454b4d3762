import { describe, expect, it } from "vitest";
import type { PrismAnswer } from "../../src/prism-upstream.js";
import { requestViolationsAsServerError, VIOLATIONS_TYPE } from "../../src/stateful/violations.js";

const UNPROCESSABLE = "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY";

function answer(status: number, body: unknown): PrismAnswer {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return { status, headers: { "content-type": "application/problem+json" }, body: Buffer.from(text) };
}

describe("requestViolationsAsServerError", () => {
  it("turns Prism's 422 into a 500 listing the request violations, in the body and in sl-violations", () => {
    const rewritten = requestViolationsAsServerError(
      answer(422, {
        type: UNPROCESSABLE,
        validation: [
          { location: ["query", "limit"], severity: "Error", code: "minimum", message: "limit must be >= 1" },
          { severity: "Error", code: 415, message: "Supported content types: application/json" },
        ],
      }),
    );
    expect(rewritten.status).toBe(500);
    const body = JSON.parse(rewritten.body.toString("utf8"));
    expect(body).toMatchObject({ type: VIOLATIONS_TYPE, status: 500 });
    expect(body.validation.map((violation: { location: string[] }) => violation.location)).toEqual([
      ["request", "query", "limit"],
      ["request"],
    ]);
    expect(JSON.parse(String(rewritten.headers["sl-violations"]))).toEqual(body.validation);
  });

  it.each([
    ["another status", answer(200, { type: UNPROCESSABLE, validation: [] })],
    ["a body that is not JSON", answer(422, "not json")],
    ["a JSON null", answer(422, "null")],
    [
      "another problem type",
      answer(422, { type: "https://stoplight.io/prism/errors#OTHER", validation: [] }),
    ],
    ["no validation list", answer(422, { type: UNPROCESSABLE })],
  ])("leaves %s as it is", (_, original) => {
    expect(requestViolationsAsServerError(original)).toBe(original);
  });

  it("does not throw on odd entries (it runs while the answer is sent)", () => {
    const rewritten = requestViolationsAsServerError(
      answer(422, { type: UNPROCESSABLE, validation: [null, 5] }),
    );
    expect(rewritten.status).toBe(500);
  });
});
