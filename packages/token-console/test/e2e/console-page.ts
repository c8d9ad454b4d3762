/**
 * Opens the console in a fresh browser context and records what a test must check: every request (with
 * CORS preflights, seen through the DevTools protocol), and every console error, page error, failed
 * request or HTTP error, so a test fails on any problem it did not expect.
 */
import type { Browser, BrowserContext, Page, Request } from "playwright-core";

/** A request the page made, as the browser's network layer saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | null;
}

/** A CORS preflight and the browser-seen answer to it. */
export interface SeenPreflight {
  readonly url: string;
  readonly requestHeaders: Record<string, string>;
  status: number | undefined;
  responseHeaders: Record<string, string>;
}

/** Something that went wrong in the page. */
export interface Problem {
  readonly kind: "console" | "pageerror" | "requestfailed" | "http";
  readonly text: string;
}

/** A problem a test provokes on purpose, e.g. `{ status: 404 }` or `{ network: "net::ERR_CONNECTION_REFUSED" }`. */
export type ExpectedProblem = { readonly status: number } | { readonly network: string };

/** The console page under test, with what it recorded. */
export interface ConsolePage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Every API request, in order (page assets excluded). */
  readonly requests: SeenRequest[];
  /** Every CORS preflight (`OPTIONS`) Chromium sent, with its answer. */
  readonly preflights: SeenPreflight[];
  /** Every problem seen, expected or not. */
  readonly problems: Problem[];
  /** Marks problems of this kind as provoked by the test. */
  expectProblem(problem: ExpectedProblem): void;
  /** The problems no `expectProblem` call accounts for. */
  unexpectedProblems(): Problem[];
  /** Closes the browser context. */
  close(): Promise<void>;
}

/** Opens `url` in a new context of `browser` and starts recording. */
export async function openConsolePage(
  browser: Browser,
  url: string,
  apiOrigin: string,
): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 820 } });
  const page = await context.newPage();
  const requests: SeenRequest[] = [];
  const preflights: SeenPreflight[] = [];
  const problems: Problem[] = [];
  const expected: ExpectedProblem[] = [];

  page.on("request", (request: Request) => {
    if (!request.url().startsWith(apiOrigin)) return;
    requests.push({
      method: request.method(),
      url: request.url(),
      headers: request.headers(),
      body: request.postData(),
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push({ kind: "console", text: message.text() });
  });
  page.on("pageerror", (error) => problems.push({ kind: "pageerror", text: error.message }));
  page.on("requestfailed", (request) => {
    problems.push({
      kind: "requestfailed",
      text: `${request.method()} ${request.url()} ${request.failure()?.errorText}`,
    });
  });
  page.on("response", (response) => {
    if (response.status() >= 400) {
      problems.push({
        kind: "http",
        text: `${response.status()} ${response.request().method()} ${response.url()}`,
      });
    }
  });

  // Preflights never reach page.on("request"); the DevTools protocol reports them as type "Preflight".
  const cdp = await context.newCDPSession(page);
  const preflightById = new Map<string, SeenPreflight>();
  cdp.on("Network.requestWillBeSent", (event) => {
    if (event.request.method !== "OPTIONS") return;
    const seen: SeenPreflight = {
      url: event.request.url,
      requestHeaders: lowerCaseKeys(event.request.headers),
      status: undefined,
      responseHeaders: {},
    };
    preflightById.set(event.requestId, seen);
    preflights.push(seen);
  });
  cdp.on("Network.responseReceived", (event) => {
    const seen = preflightById.get(event.requestId);
    if (seen === undefined) return;
    seen.status = event.response.status;
    seen.responseHeaders = lowerCaseKeys(event.response.headers);
  });
  await cdp.send("Network.enable");

  await page.goto(url);
  return {
    page,
    context,
    requests,
    preflights,
    problems,
    expectProblem: (problem) => expected.push(problem),
    unexpectedProblems: () => problems.filter((problem) => !expected.some((e) => accounts(e, problem))),
    close: () => context.close(),
  };
}

/** Whether an expected problem explains a recorded one (the HTTP error and the console line it causes). */
function accounts(expected: ExpectedProblem, problem: Problem): boolean {
  if ("status" in expected) {
    if (problem.kind === "http") return problem.text.startsWith(`${expected.status} `);
    return problem.kind === "console" && problem.text.includes(`status of ${expected.status} `);
  }
  if (problem.kind === "requestfailed") return problem.text.endsWith(` ${expected.network}`);
  return problem.kind === "console" && problem.text.includes(expected.network);
}

function lowerCaseKeys(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
}
