/** Why the mock server could not start; the CLI prints `message` as its one line on stderr. */
export type MockServerErrorCode =
  | "PORT_IN_USE"
  | "SPEC_NOT_FOUND"
  | "SPEC_INVALID"
  | "INVALID_OPTION"
  | "LISTEN_FAILED"
  /** Stateful mode: the state file is not a valid state, or another process holds it. */
  | "STATE_FILE_UNUSABLE";

/**
 * The error `startMockServer` rejects with when the server cannot start: a port in use, a missing or broken
 * spec, an invalid option, or a state file that cannot be used. `code` says which, so callers can branch without parsing the message.
 */
export class MockServerError extends Error {
  /**
   * @param code Which failure this is.
   * @param message One line saying what was wrong and what to do about it.
   */
  constructor(
    readonly code: MockServerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MockServerError";
  }
}
