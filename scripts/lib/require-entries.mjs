/**
 * The CommonJS entry points a package's `exports` promises: every `require.default` target under `dist/cjs/`,
 * paired with the `src/` TypeScript file it is built from.
 * @param {{ exports?: Record<string, unknown> }} manifest the package.json
 * @returns {{ source: string, output: string }[]} e.g. `{ source: "src/index.ts", output: "dist/cjs/index.js" }`
 */
export function requireEntries(manifest) {
  const entries = [];
  for (const target of Object.values(manifest.exports ?? {})) {
    const output = typeof target === "object" && target !== null ? target.require?.default : undefined;
    if (typeof output !== "string") continue;
    const match = /^\.\/dist\/cjs\/(.+)\.js$/.exec(output);
    if (!match) throw new Error(`require target ${output} is not a ./dist/cjs/*.js file`);
    entries.push({ source: `src/${match[1]}.ts`, output: output.slice(2) });
  }
  return entries;
}
