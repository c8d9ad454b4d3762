import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { checkSpecText, formatSpecProblem, type SpecProblem } from "../src/prism/check-spec.js";
import { defaultSpecPath } from "../src/prism/spec.js";
import { watchFile, watchSpec } from "../src/prism/watch-spec.js";
import { tempDir } from "./stateful/helpers.js";

const SPEC = readFileSync(defaultSpecPath(), "utf8");
/** Conditions are polled: never a fixed sleep, never a tight timing. */
const EVENTUALLY = { timeout: 10_000, interval: 20 };
vi.setConfig({ testTimeout: 20_000 });

const MINIMAL = `openapi: 3.1.0
info:
  title: t
  version: "1"
paths:
  /things/:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Thing"
components:
  schemas:
    Thing:
      type: object
`;

describe("checkSpecText", () => {
  it("accepts the project's spec and a minimal document", () => {
    expect(checkSpecText("spec.yaml", SPEC)).toBeUndefined();
    expect(checkSpecText("spec.yaml", MINIMAL)).toBeUndefined();
  });

  it.each<[string, string, number, RegExp]>([
    ["an unclosed flow list", MINIMAL.replace('version: "1"', "version: [1"), 5, /flow/],
    ["bad indentation", MINIMAL.replace("    get:", "    get: x"), 8, /bad indentation of a mapping entry/],
    ["a duplicate key", MINIMAL.replace('  version: "1"', '  version: "1"\n  title: again'), 5, /duplicate/i],
    [
      "a wrong openapi version",
      MINIMAL.replace("3.1.0", "2.0.0"),
      1,
      /^openapi: expected "3\.0\.x" or "3\.1\.x", got "2\.0\.0"/,
    ],
    [
      "responses that are not a mapping",
      MINIMAL.replace(/responses:[\s\S]*?components:/, "responses: none\ncomponents:"),
      8,
      /^paths\.\/things\/\.get\.responses: expected a mapping of status codes, got a string/,
    ],
    ["a status code that is not one", MINIMAL.replace('"200":', '"20":'), 9, /"20" is not a status code/],
    ["a path without its slash", MINIMAL.replace("/things/:", "things/:"), 6, /must start with "\/"/],
    [
      "a $ref to nothing",
      MINIMAL.replace('schemas/Thing"', 'schemas/Thingy"'),
      14,
      /"#\/components\/schemas\/Thingy" points at nothing/,
    ],
  ])("reports %s with its line", (_name, text, line, message) => {
    const problem = checkSpecText("spec.yaml", text);
    expect(problem).toMatchObject({ file: "spec.yaml", line });
    expect(problem?.message).toMatch(message);
  });

  it("reports a document that is not a mapping, and a missing paths", () => {
    expect(checkSpecText("s.yaml", "- 1\n- 2\n")?.message).toMatch(/expected an OpenAPI document/);
    expect(checkSpecText("s.yaml", MINIMAL.replace(/paths:[\s\S]*/, ""))?.message).toBe(
      "paths: expected a mapping, got nothing",
    );
  });

  it("formats a problem as one line file:line: message", () => {
    expect(formatSpecProblem({ file: "a.yaml", line: 3, message: "bad" })).toBe("a.yaml:3: bad");
    expect(formatSpecProblem({ file: "a.yaml", line: undefined, message: "bad" })).toBe("a.yaml: bad");
  });
});

describe("watchFile", () => {
  function watched(debounceMs = 30) {
    const file = join(tempDir(), "spec.yaml");
    writeFileSync(file, "one");
    const seen: string[] = [];
    const watcher = watchFile(
      file,
      () => {
        seen.push(readFileSync(file, "utf8"));
      },
      { debounceMs },
    );
    onTestFinished(() => watcher.close());
    return { file, seen, watcher };
  }

  it("sees a write in place", async () => {
    const { file, seen } = watched();
    writeFileSync(file, "two");
    await vi.waitFor(() => expect(seen).toEqual(["two"]), EVENTUALLY);
  });

  it("sees an editor's rename-save, and the saves after it", async () => {
    const { file, seen } = watched();
    writeFileSync(`${file}.swp`, "renamed");
    renameSync(`${file}.swp`, file);
    await vi.waitFor(() => expect(seen.at(-1)).toBe("renamed"), EVENTUALLY);
    writeFileSync(file, "after");
    await vi.waitFor(() => expect(seen.at(-1)).toBe("after"), EVENTUALLY);
  });

  it("waits out a delete-and-create, never running on a missing file", async () => {
    const { file, seen } = watched();
    rmSync(file);
    await new Promise((resolve) => setTimeout(resolve, 100));
    writeFileSync(file, "recreated");
    await vi.waitFor(() => expect(seen.at(-1)).toBe("recreated"), EVENTUALLY);
  });

  it("merges a burst of writes into few runs, the last one seeing the final text", async () => {
    const { file, seen } = watched(100);
    for (let i = 0; i < 20; i++) writeFileSync(file, `burst ${i}`);
    await vi.waitFor(() => expect(seen.at(-1)).toBe("burst 19"), EVENTUALLY);
    expect(seen.length).toBeLessThan(5);
  });

  it("stops after close", async () => {
    const { file, seen, watcher } = watched();
    watcher.close();
    writeFileSync(file, "unseen");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual([]);
  });
});

describe("watchSpec", () => {
  async function watchedSpec() {
    const file = join(tempDir(), "tokens.openapi.yaml");
    writeFileSync(file, MINIMAL);
    const reloads: string[] = [];
    const problems: SpecProblem[] = [];
    const watcher = await watchSpec({
      file,
      debounceMs: 20,
      load: async (path) => readFileSync(path, "utf8"),
      onReload: (text) => reloads.push(text),
      onProblem: (problem) => problems.push(problem),
    });
    onTestFinished(() => watcher.close());
    return { file, reloads, problems };
  }

  it("reloads a good edit, reports a broken one once with file and line, and reloads the fix", async () => {
    const { file, reloads, problems } = await watchedSpec();
    const edited = MINIMAL.replace("title: t", "title: edited");
    writeFileSync(file, edited);
    await vi.waitFor(() => expect(reloads).toEqual([edited]), EVENTUALLY);

    const broken = edited.replace("    get:", "    get: x");
    writeFileSync(file, broken);
    await vi.waitFor(() => expect(problems).toHaveLength(1), EVENTUALLY);
    expect(problems[0]).toMatchObject({ file, line: 8, message: "bad indentation of a mapping entry" });
    writeFileSync(file, broken); // the same broken text again: not a second report
    const fixed = edited.replace("title: edited", "title: fixed");
    writeFileSync(file, fixed);
    await vi.waitFor(() => expect(reloads).toEqual([edited, fixed]), EVENTUALLY);
    expect(problems).toHaveLength(1);
  });

  it("takes an empty file for a save in progress, not a broken spec", async () => {
    const { file, reloads, problems } = await watchedSpec();
    writeFileSync(file, "");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const edited = MINIMAL.replace("title: t", "title: written");
    writeFileSync(file, edited);
    await vi.waitFor(() => expect(reloads).toEqual([edited]), EVENTUALLY);
    expect(problems).toEqual([]);
  });

  it("reports a loader failure as a problem and keeps going", async () => {
    const file = join(tempDir(), "spec.yaml");
    writeFileSync(file, MINIMAL);
    const problems: SpecProblem[] = [];
    const watcher = await watchSpec({
      file,
      debounceMs: 20,
      load: () => Promise.reject(new Error("Prism says no")),
      onReload: () => {},
      onProblem: (problem) => problems.push(problem),
    });
    onTestFinished(() => watcher.close());
    writeFileSync(file, MINIMAL.replace("title: t", "title: u"));
    await vi.waitFor(
      () => expect(problems).toEqual([{ file, line: undefined, message: "Prism says no" }]),
      EVENTUALLY,
    );
  });
});
