import { defineConfig } from "tsdown";
import { libraryBuild } from "../../scripts/tsdown-library.mjs";

export default defineConfig(
  libraryBuild({
    // `index`: the library (`import` and `require`); `cli`: the command behind bin/neuroio-tokens-mock.js,
    // ES module only. Another entry (say, a CLI bundled with its Prism parts) is one more key here, or one more
    // config object in an array with its own `noExternal`.
    entry: { index: "src/index.ts", cli: "src/cli.ts" },
    format: { esm: {}, cjs: { entry: { index: "src/index.ts" } } },
    platform: "node",
    // `import.meta.url` (createRequire, the spec's path) in the CommonJS build.
    shims: true,
  }),
);
