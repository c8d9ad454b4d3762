/**
 * The release flow, exercised: `pnpm version-packages` (changeset version) on a temporary copy of the repo's
 * manifests and changesets must bump the public packages and write their CHANGELOG entries.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_PACKAGES, REPO_ROOT } from "./helpers/tarball-project.js";

const SUMMARY = "Release flow smoke test: a minor change to every public package.";

let copy: string;
let before: Record<string, { name: string; version: string }>;
let repoChangesets: string[];

/** Copies what changesets reads: root manifests, `.changeset/`, and every workspace package.json. */
async function copyRepoManifests(target: string): Promise<void> {
  for (const file of ["package.json", "pnpm-workspace.yaml"])
    await cp(join(REPO_ROOT, file), join(target, file));
  await cp(join(REPO_ROOT, ".changeset"), join(target, ".changeset"), { recursive: true });
  const folders = ["spec", ...(await readdir(join(REPO_ROOT, "packages"))).map((name) => `packages/${name}`)];
  for (const folder of folders) {
    if (!existsSync(join(REPO_ROOT, folder, "package.json"))) continue;
    await mkdir(join(target, folder), { recursive: true });
    await cp(join(REPO_ROOT, folder, "package.json"), join(target, folder, "package.json"));
  }
}

const readManifest = async (folder: string) =>
  JSON.parse(await readFile(join(copy, folder, "package.json"), "utf8"));

/** The version a minor bump gives (0.x and 1+ alike: x.y.z -> x.(y+1).0). */
const minorBump = (version: string) => {
  const [major, minor] = version.split(".").map(Number);
  return `${major}.${(minor ?? 0) + 1}.0`;
};

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), "neuroio-release-"));
  await copyRepoManifests(copy);
  repoChangesets = (await readdir(join(copy, ".changeset"))).filter(
    (f) => f.endsWith(".md") && f !== "README.md",
  );
  before = Object.fromEntries(
    await Promise.all(PUBLIC_PACKAGES.map(async (f) => [f, await readManifest(f)])),
  );
  const frontmatter = Object.values(before)
    .map(({ name }) => `"${name}": minor`)
    .join("\n");
  await writeFile(
    join(copy, ".changeset", "release-flow-smoke.md"),
    `---\n${frontmatter}\n---\n\n${SUMMARY}\n`,
  );
  execFileSync("pnpm", ["run", "version-packages"], {
    cwd: copy,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, PATH: `${join(REPO_ROOT, "node_modules", ".bin")}:${process.env.PATH}` },
  });
}, 120_000);

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

describe("pnpm version-packages", () => {
  it.each(PUBLIC_PACKAGES)("bumps %s by a minor version", async (folder) => {
    const after = await readManifest(folder);
    expect(after.version).toBe(minorBump(before[folder]?.version ?? ""));
  });

  it.each(PUBLIC_PACKAGES)("writes a CHANGELOG entry for %s", async (folder) => {
    const { version, name } = await readManifest(folder);
    const changelog = await readFile(join(copy, folder, "CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(
      new RegExp(`^# ${name}\\n\\n## ${version.replaceAll(".", "\\.")}\\n\\n### Minor Changes`),
    );
    expect(changelog).toContain(SUMMARY);
  });

  it("consumes every changeset, the repo's own included", async () => {
    const left = (await readdir(join(copy, ".changeset"))).filter(
      (f) => f.endsWith(".md") && f !== "README.md",
    );
    expect(left).toEqual([]);
    const folderOf = new Map(Object.entries(before).map(([folder, { name }]) => [name, folder]));
    for (const file of repoChangesets) {
      const [, frontmatter = "", summary = ""] = (
        await readFile(join(REPO_ROOT, ".changeset", file), "utf8")
      ).split("---\n");
      const firstLine = summary.trim().split("\n")[0] ?? "";
      const names = [...frontmatter.matchAll(/^"([^"]+)":/gm)].map((match) => match[1] ?? "");
      for (const folder of names.flatMap((name) => folderOf.get(name) ?? [])) {
        const changelog = await readFile(join(copy, folder, "CHANGELOG.md"), "utf8");
        expect(changelog, `${file} in ${folder}/CHANGELOG.md`).toContain(firstLine);
      }
    }
  });

  it("keeps workspace: ranges between the packages for pnpm publish to rewrite", async () => {
    const mock = await readManifest("packages/tokens-mock");
    expect(mock.dependencies["@neuroio/tokens-spec"]).toMatch(/^workspace:/);
  });
});

describe("pnpm release", () => {
  const release = join(REPO_ROOT, "scripts", "release.mjs");

  it("refuses to run in CI", () => {
    const result = spawnSync(process.execPath, [release], {
      encoding: "utf8",
      env: { ...process.env, CI: "1" },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("never run in CI");
  });

  it("refuses while changesets are pending, naming them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "neuroio-release-pending-"));
    try {
      await mkdir(join(dir, "scripts"));
      await mkdir(join(dir, ".changeset"));
      await cp(release, join(dir, "scripts", "release.mjs"));
      await writeFile(
        join(dir, ".changeset", "pending-change.md"),
        '---\n"@neuroio/tokens-client": patch\n---\n\nx\n',
      );
      const env = { ...process.env };
      delete env.CI;
      const result = spawnSync(process.execPath, [join(dir, "scripts", "release.mjs")], {
        encoding: "utf8",
        env,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("Pending changesets (pending-change.md)");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
