/** Types of processes.mjs, for the TypeScript tests that import it. */
import type { ChildProcess } from "node:child_process";

/** A free TCP port on 127.0.0.1, asked from the OS. */
export declare function freePort(): Promise<number>;
/** Ends `child` by its PID (SIGTERM) and waits until it has exited; no-op when it already has. */
export declare function stopChild(child: ChildProcess): Promise<void>;
/** Polls `url` until any HTTP answer arrives; rejects when `child` exits first or after `timeoutMs`. */
export declare function waitForAnswer(
  url: string,
  options?: { timeoutMs?: number; intervalMs?: number; child?: ChildProcess },
): Promise<void>;
