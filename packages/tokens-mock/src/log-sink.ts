/**
 * Where the mock's log lines go. Its own module so that the package's public declarations never import
 * Prism's logger types (they pull in pino, which ships none, and break strict consumers).
 */
export type LogSink = (line: string) => void;
