/** Assertions on the JSON report the consumer fixtures print (see fixtures/exercise.mjs). */
import { expect } from "vitest";

/** Every value name the client package must export (architecture.md, fixed public API). */
export const CLIENT_EXPORTS = [
  "AuthenticationError",
  "BadRequestError",
  "InternalServerError",
  "NeuroioAbortError",
  "NeuroioApiError",
  "NeuroioConnectionError",
  "NeuroioError",
  "NeuroioTimeoutError",
  "NotFoundError",
  "PermissionDeniedError",
  "RateLimitError",
  "UnprocessableEntityError",
  "createTokensClient",
];

const token = () =>
  expect.objectContaining({
    id: expect.any(Number),
    key: expect.any(String),
    is_active: expect.any(Boolean),
    created: expect.any(String),
  });

/** Asserts that every client method returned what the spec promises and the 404 became a `NotFoundError`. */
export function expectClientReport(report: Record<string, unknown>): void {
  expect(report.exports).toEqual(expect.arrayContaining(CLIENT_EXPORTS));
  for (const key of ["created", "byId", "byKey", "updated", "rotated"])
    expect(report[key], key).toEqual(token());
  expect(report.listed).toEqual(expect.arrayContaining([token()]));
  expect(report.listedAll).toEqual(report.listed);
  expect(report.afterSetToken).toEqual(expect.arrayContaining([token()]));
  expect(report.deleted).toBe("undefined");
  expect(report.deletedList).toBe("undefined");
  expect(report.rawStatus).toBe(200);
  expect(report.notFound).toEqual({
    name: "NotFoundError",
    status: 404,
    isNotFoundError: true,
    isApiError: true,
    isNeuroioError: true,
    message: expect.stringMatching(/^404 GET \/v1\/tokens\/404\//),
  });
  expect(report.missingArgument).toEqual({ isNeuroioError: true });
}

/** The report without the resolved entry file, which differs between `import` and `require` on purpose. */
export function withoutEntry(report: Record<string, unknown>): Record<string, unknown> {
  const { entry: _entry, ...rest } = report;
  return rest;
}
