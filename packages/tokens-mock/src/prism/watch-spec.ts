import { watch } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { type CheckedSpec, parseSpecText, type SpecProblem } from "./check-spec.js";

/** A running watch; {@link FileWatcher.close} stops it (idempotent). */
export interface FileWatcher {
  close(): void;
}

/** Options of {@link watchFile}. */
export interface WatchFileOptions {
  /** Quiet time after the last file event before `onChange` runs (40 ms: merges an editor's bursts). */
  debounceMs?: number;
  /** Keep the process alive while watching (default false: a server, not its watch, decides when to exit). */
  persistent?: boolean;
  /** Called with what `onChange` threw, or when the directory cannot be watched any more (the watch ends). */
  onError?: (error: Error) => void;
}

/**
 * Calls `onChange` after `file` changed: written in place, replaced by a rename (how vim and most IDEs save),
 * or deleted and created again. The file's directory is watched, not the file, because a rename-save gives
 * the path a new inode that a watch on the old one never sees. Events are debounced, runs never overlap, and
 * none runs while the file is missing (between the halves of a delete-and-create). An event does not prove
 * the content changed (an editor may only touch the file): callers compare what they read. The dev loop of
 * the repo (scripts/lib/spec-loop.mjs) uses it too.
 */
export function watchFile(
  file: string,
  onChange: () => Promise<void> | void,
  options: WatchFileOptions = {},
): FileWatcher {
  const report = (error: unknown) =>
    options.onError?.(error instanceof Error ? error : new Error(String(error)));
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let runs = Promise.resolve();
  const run = async () => {
    const exists = await stat(file).then(
      (found) => found.isFile(),
      () => false,
    );
    if (!closed && exists) await onChange();
  };
  const watcher = watch(dirname(file), { persistent: options.persistent === true }, (_event, changed) => {
    // Some platforms do not say which file changed: then it may be ours.
    if (changed !== null && changed !== basename(file)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      runs = runs.then(run).catch(report);
    }, options.debounceMs ?? 40);
    timer.unref();
  });
  const close = () => {
    closed = true;
    clearTimeout(timer);
    watcher.close();
  };
  watcher.on("error", (error) => {
    report(error);
    close();
  });
  return { close };
}

/** Options of {@link watchSpec}. */
export interface WatchSpecOptions<T> {
  /** The OpenAPI document to watch. */
  file: string;
  /**
   * Turns the checked document into what is served (Prism's operations). It runs only on a document that
   * passed our check (given parsed); a throw is reported through `onProblem` like any broken edit.
   */
  load: (file: string, bytes: Buffer, checked: CheckedSpec) => Promise<T>;
  /** A good new document was loaded: swap it in. `elapsedMs` is the time to read, check and load it. */
  onReload: (loaded: T, elapsedMs: number) => void;
  /** The file changed into something broken: keep serving the last good document and say why. */
  onProblem: (problem: SpecProblem) => void;
  /** Passed on to {@link watchFile}. */
  debounceMs?: number;
}

/**
 * Watches an OpenAPI document and hands every good new version of it to `onReload`, every broken one to
 * `onProblem` (with the line and what is wrong). A save that does not change the text (an editor's touch,
 * the same broken text saved twice) is ignored, so each problem is reported once.
 *
 * Resolves once the watch is set up; the text on disk at that moment is taken as the one being served.
 */
export async function watchSpec<T>(options: WatchSpecOptions<T>): Promise<FileWatcher> {
  // A symlinked spec is watched where its content lives: edits go to the target's directory.
  const file = await realpath(options.file);
  let current = await readFile(file).catch(() => Buffer.alloc(0));
  const reload = async () => {
    const started = performance.now();
    // Gone between the event and the read, or empty (a save in progress): the write that follows is the change.
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    const text = bytes.toString("utf8");
    if (bytes.equals(current) || text.trim() === "") return;
    current = bytes;
    const checked = parseSpecText(options.file, text);
    if (checked.problem) return options.onProblem(checked.problem);
    options.onReload(await options.load(file, bytes, checked), performance.now() - started);
  };
  return watchFile(file, reload, {
    ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
    onError: (error) => options.onProblem({ file: options.file, line: undefined, message: error.message }),
  });
}
