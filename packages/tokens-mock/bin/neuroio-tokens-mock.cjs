#!/usr/bin/env node
// The package's `bin`. It is committed (dist/ is not) so that pnpm can link the command when the workspace is
// installed, before the first build. It runs dist/cli.cjs, the CLI bundled with its Prism parts into one file
// (scripts/bundle-cli.mjs). CommonJS on purpose: an ES module importing that bundle would first have Node's ES
// loader scan its 2 MB for named exports, which about doubled the start-up time.
// Node 22.1+ keeps V8's compiled code of the bundle between runs (Node's own cache); older Nodes lack it.
require("node:module").enableCompileCache?.();
require("../dist/cli.cjs");
