/**
 * Stateful mode answers every spec violation the same way: a 500 problem+json listing the violations.
 * Prism's `errors` flag does this for responses; a request that breaks the spec gets a 422 from Prism's proxy
 * instead (a status the spec does not declare), so it is rewritten here into the same 500.
 * @module
 */
import type { PrismAnswer } from "../prism-upstream.js";

/** The problem type of a violation answer, the one Prism uses for response violations. */
export const VIOLATIONS_TYPE = "https://stoplight.io/prism/errors#VIOLATIONS";

const UNPROCESSABLE_TYPE = "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY";

/** One entry of the `validation` list of a violation answer. */
export interface Violation {
  /** Where: `["request", "query", "limit"]`, `["response", "body", "created"]`, ... */
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/**
 * Turns Prism's 422 "Invalid request" (the request broke the spec and was not forwarded to the backend) into
 * a 500 with the same shape as Prism's response violations, locations prefixed with `request`. Any other
 * answer is returned as it is.
 */
export function requestViolationsAsServerError(answer: PrismAnswer): PrismAnswer {
  if (answer.status !== 422) return answer;
  let problem: { type?: unknown; validation?: unknown };
  try {
    problem = JSON.parse(answer.body.toString("utf8"));
  } catch {
    return answer;
  }
  if (problem === null || problem.type !== UNPROCESSABLE_TYPE || !Array.isArray(problem.validation)) {
    return answer;
  }
  // Called while the answer is being sent: it must not throw, whatever shape Prism's entries have.
  const validation = (problem.validation as Array<Partial<Violation> | null>).map((violation) => ({
    ...violation,
    location: ["request", ...(Array.isArray(violation?.location) ? violation.location : [])],
  }));
  const body = Buffer.from(
    JSON.stringify({
      type: VIOLATIONS_TYPE,
      title: "Request/Response not valid",
      status: 500,
      detail:
        "The request breaks the spec, so the stateful mock did not run it: every request and response is checked, and a violation is a 500.",
      validation,
    }),
  );
  return {
    status: 500,
    headers: {
      ...answer.headers,
      "content-type": "application/problem+json",
      "sl-violations": JSON.stringify(validation),
    },
    body,
  };
}
