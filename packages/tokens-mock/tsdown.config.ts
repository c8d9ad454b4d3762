import { defineConfig } from "tsdown";
import { libraryBuild } from "../../scripts/tsdown-library.mjs";

export default defineConfig(
  libraryBuild({
    // `index`: the library (`import` and `require`); `cli`: the CLI as an ES module, unbundled (the benchmarks
    // time it beside the bin's bundle). The bin runs `dist/cli.cjs`, which scripts/bundle-cli.mjs (esbuild,
    // with lazy stubs tsdown has no hook for) writes after this build: see the package's `build` script.
    // `prism/check-spec` and `prism/watch-spec`: the repo's `pnpm dev` spec loop (scripts/lib/spec-loop.mjs)
    // reuses them from dist/ instead of keeping a second copy; not in `exports`.
    entry: {
      index: "src/index.ts",
      cli: "src/cli.ts",
      "prism/check-spec": "src/prism/check-spec.ts",
      "prism/watch-spec": "src/prism/watch-spec.ts",
    },
    format: { esm: {}, cjs: { entry: { index: "src/index.ts" } } },
    platform: "node",
    // `import.meta.url` (createRequire, the spec's path) in the CommonJS build.
    shims: true,
  }),
);
