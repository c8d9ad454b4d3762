import { readFile, realpath } from "node:fs/promises";
import { checkSpecText, type SpecProblem } from "./check-spec.js";
import { type FileWatcher, watchFile } from "./watch-file.js";

/** Options of {@link watchSpec}. */
export interface WatchSpecOptions<T> {
  /** The OpenAPI document to watch. */
  file: string;
  /**
   * Turns the checked document into what is served (Prism's operations). It runs only on a document that
   * passed {@link checkSpecText}; a throw is reported through `onProblem` like any broken edit.
   */
  load: (file: string) => Promise<T>;
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
  let current = await readFile(file, "utf8").catch(() => "");
  const reload = async () => {
    const started = performance.now();
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      return; // gone between the event and the read: the next event brings the new file
    }
    // An empty file is a save in progress (truncated, not yet written): the write that follows is the change.
    if (text === current || text.trim() === "") return;
    current = text;
    const problem = checkSpecText(options.file, text);
    if (problem) {
      options.onProblem(problem);
      return;
    }
    let loaded: T;
    try {
      loaded = await options.load(file);
    } catch (error) {
      options.onProblem({
        file: options.file,
        line: undefined,
        message: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    options.onReload(loaded, performance.now() - started);
  };
  return watchFile(file, reload, {
    ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
    onError: (error) => options.onProblem({ file: options.file, line: undefined, message: error.message }),
  });
}
