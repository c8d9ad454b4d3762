/** Copies a build's declarations into its CommonJS folder (see build-package.mjs). */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";

/**
 * Copies every `.d.ts` and `.d.ts.map` under `from` (skipping `to` itself) into `to`, keeping the layout.
 * Declaration maps point at `src/` relative to their own folder, so their `sources` get one more `../`
 * per level `to` sits below `from`.
 * @param {string} from the ESM output folder, e.g. `dist`
 * @param {string} to a folder inside it, e.g. `dist/cjs`
 */
export async function copyDeclarations(from, to) {
  const depth = relative(from, to).split(/[\\/]/).length;
  const prefix = "../".repeat(depth);
  for (const entry of await readdir(from, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || path.startsWith(`${to}/`)) continue;
    if (!entry.name.endsWith(".d.ts") && !entry.name.endsWith(".d.ts.map")) continue;
    const target = join(to, relative(from, path));
    let text = await readFile(path, "utf8");
    if (entry.name.endsWith(".map")) {
      const map = JSON.parse(text);
      map.sources = map.sources.map((source) => prefix + source);
      text = JSON.stringify(map);
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}
