#!/usr/bin/env node
// The package's `bin`. It is committed (dist/ is not) so that pnpm can link the command when the workspace is
// installed, before the first build; the CLI itself is dist/cli.js.
import "../dist/cli.js";
