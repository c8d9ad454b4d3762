#!/usr/bin/env node
// The package's `bin`. It is committed (dist/ is not) so that pnpm can link the command when the workspace is
// installed, before the first build. It runs dist/cli.cjs, the CLI bundled with its Prism parts into one file
// (scripts/bundle-cli.mjs). CommonJS on purpose: an ES module importing that bundle would first have Node's ES
// loader scan its 2 MB for named exports, which about doubled the start-up time.
// V8's compiled code of the bundle is kept between runs: by Node's own cache on Node 22.1+, by code-cache.cjs
// (the same idea, for this one file) on older Nodes. Other runtimes that run this file load it plainly.
const bundle = require.resolve("../dist/cli.cjs");
const { enableCompileCache } = require("node:module");
if (typeof enableCompileCache === "function") {
  enableCompileCache();
  require(bundle);
} else if (process.release?.name === "node" && !process.versions.bun && !process.versions.deno) {
  require("./code-cache.cjs").requireWithCodeCache(bundle);
} else {
  require(bundle);
}
