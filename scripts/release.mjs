#!/usr/bin/env node
/**
 * `pnpm release`: publishes the versions `pnpm version-packages` wrote. Run by a maintainer, never by CI.
 * Order: refuse in CI, refuse with pending changesets, check npm auth, `pnpm check` (spec lint, generated check,
 * biome, typecheck, build, tests, publint + attw on the packed tarballs), then `changeset publish`, which
 * publishes every public package whose version is not yet on npm through `pnpm publish` (so `workspace:` and
 * `catalog:` versions are rewritten) and creates the git tags. Push them afterwards: `git push --follow-tags`.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";

const root = new URL("..", import.meta.url).pathname;
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: "inherit" });

if (process.env.CI) {
  console.error("pnpm release publishes to npm and is never run in CI (CI is set).");
  process.exit(1);
}
const pending = readdirSync(new URL("../.changeset/", import.meta.url)).filter(
  (name) => name.endsWith(".md") && name !== "README.md",
);
if (pending.length > 0) {
  console.error(
    `Pending changesets (${pending.join(", ")}): run \`pnpm version-packages\` and commit first.`,
  );
  process.exit(1);
}
try {
  execFileSync("npm", ["whoami"], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
} catch {
  console.error("npm is not logged in: run `npm login` or set NPM_TOKEN in ~/.npmrc (see the README).");
  process.exit(1);
}
run("pnpm", ["check"]);
// Extra arguments go to changeset publish: `pnpm release --otp 123456`, `pnpm release --tag next`.
run("pnpm", ["exec", "changeset", "publish", ...process.argv.slice(2)]);
