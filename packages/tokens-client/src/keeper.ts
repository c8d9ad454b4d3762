/**
 * The schedule of `tokens.keepFresh()`: one round every `everyMs`, retries with backoff after a failed round,
 * never two rounds at once, and a stop on request, on the signal, or when the current key is refused.
 * @module
 */
import type { Clock } from "./clock.js";
import { AuthenticationError, NeuroioError } from "./errors.js";
import type { KeepFreshOptions, Token, TokenKeeper } from "./types.js";

/** The longest wait before retrying a failed round (unless `everyMs` is shorter). */
const MAX_RETRY_MS = 5 * 60_000;

/**
 * Runs `round` every `everyMs` on `clock` until stopped.
 * @param round one rotation (create, save, switch, retire); its errors go to `onError`.
 */
export function startKeeper(
  round: () => Promise<Token>,
  { everyMs, onError, signal }: Required<Pick<KeepFreshOptions, "everyMs">> & KeepFreshOptions,
  clock: Clock,
): TokenKeeper {
  let stopped = false;
  let failures = 0;
  let cancel = () => {};
  let running: Promise<Token> | undefined;

  const schedule = (ms: number) => {
    cancel();
    if (!stopped) cancel = clock.later(() => rotateNow().catch(() => {}), ms);
  };
  const stop = () => {
    stopped = true;
    cancel();
    signal?.removeEventListener("abort", stop);
  };
  const rotateNow = (): Promise<Token> => {
    if (stopped) return Promise.reject(new NeuroioError("keepFresh: the keeper is stopped"));
    running ??= (async () => {
      cancel();
      try {
        const token = await round();
        failures = 0;
        schedule(everyMs);
        return token;
      } catch (error) {
        // A refused key stays refused: retrying cannot help, so the keeper stops and says why.
        if (error instanceof AuthenticationError) stop();
        else schedule(Math.min(1000 * 2 ** failures++, MAX_RETRY_MS, everyMs));
        try {
          onError?.(error);
        } catch {
          // an error handler that throws must not stop the keeper
        }
        throw error;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  signal?.addEventListener("abort", stop);
  if (signal?.aborted) stop();
  else schedule(everyMs);
  return { stop, rotateNow };
}
