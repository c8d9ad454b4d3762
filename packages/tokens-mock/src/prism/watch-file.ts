import { type FSWatcher, watch } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, dirname } from "node:path";

/** Options of {@link watchFile}. */
export interface WatchFileOptions {
  /** Quiet time after the last file event before `onChange` runs, so a burst of writes is one change. */
  debounceMs?: number;
  /** Keep the process alive while watching (default false: a server, not its watch, decides when to exit). */
  persistent?: boolean;
  /** Called when the directory cannot be watched any more (it was removed, or the OS refused). */
  onError?: (error: Error) => void;
}

/** A running watch; {@link FileWatcher.close} stops it (idempotent). */
export interface FileWatcher {
  close(): void;
}

/** Default quiet time: long enough to merge an editor's write bursts, short against a 300 ms reload target. */
export const DEFAULT_DEBOUNCE_MS = 40;

/**
 * Calls `onChange` after `file` changed: written in place, replaced by a rename (how vim and most IDEs save),
 * or deleted and created again. The file's directory is watched, not the file, because a rename-save gives
 * the path a new inode that a watch on the old one never sees.
 *
 * Events are debounced; `onChange` never runs twice at once (a change during a run schedules one more run
 * after it), and it is skipped while the file is missing (between the two halves of a delete-and-create).
 * An event does not prove the content changed (an editor may only touch the file): callers compare what
 * they read. Errors thrown by `onChange` go to `onError`, and the watch goes on.
 */
export function watchFile(
  file: string,
  onChange: () => Promise<void> | void,
  options: WatchFileOptions = {},
): FileWatcher {
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const name = basename(file);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let pending = false;
  let closed = false;

  const run = async () => {
    timer = undefined;
    if (closed) return;
    if (running) {
      pending = true;
      return;
    }
    running = true;
    try {
      if (await exists(file)) await onChange();
    } catch (error) {
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
    } finally {
      running = false;
      if (pending && !closed) {
        pending = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
    timer.unref();
  };

  let watcher: FSWatcher;
  try {
    watcher = watch(dirname(file), { persistent: options.persistent === true }, (_event, changed) => {
      // Some platforms do not say which file changed: then it may be ours.
      if (changed === null || changed === name) schedule();
    });
  } catch (error) {
    throw new Error(`Cannot watch ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  watcher.on("error", (error) => {
    options.onError?.(error);
    close();
  });
  const close = () => {
    if (closed) return;
    closed = true;
    if (timer !== undefined) clearTimeout(timer);
    watcher.close();
  };
  return { close };
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
