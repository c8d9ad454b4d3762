/** Packs the public packages and installs the tarballs into a fresh npm project outside the workspace. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { packTarball } from "@neuroio/test-support/pack-tarball";

/** Repo root, from this file's location. */
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** The public packages, by folder inside the repo. */
export const PUBLIC_PACKAGES = ["spec", "packages/tokens-client", "packages/tokens-mock"] as const;

const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));

/** A temporary npm project with the packed packages installed. */
export interface TarballProject {
  /** Folder of the project (holds package.json, node_modules and the fixtures). */
  dir: string;
  /** Absolute paths of the tarballs, by package folder. */
  tarballs: Record<(typeof PUBLIC_PACKAGES)[number], string>;
}

/**
 * Packs every public package with `pnpm pack` (workspace:/catalog: versions rewritten, as on publish), creates
 * a project in the OS temp folder (outside the workspace, so nothing resolves through it), installs the
 * tarballs there with plain `npm`, and copies the consumer fixtures in.
 */
export async function createTarballProject(): Promise<TarballProject> {
  const dir = await mkdtemp(join(tmpdir(), "neuroio-smoke-"));
  const packs = join(dir, "tarballs");
  await mkdir(packs);
  const tarballs = Object.fromEntries(
    PUBLIC_PACKAGES.map((folder) => [folder, packTarball(join(REPO_ROOT, folder), packs)]),
  ) as TarballProject["tarballs"];
  const manifest = { name: "neuroio-smoke-consumer", private: true, type: "module" };
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  // @types/node for the strict consumer: the mock's declarations mention Node types.
  const typesNode = readCatalogVersion("@types/node");
  execFileSync(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      ...Object.values(tarballs),
      `@types/node@${typesNode}`,
    ],
    { cwd: dir, stdio: ["ignore", "ignore", "inherit"] },
  );
  await cp(FIXTURES, dir, { recursive: true });
  return { dir, tarballs };
}

/** The version the workspace catalog pins for a tool. */
function readCatalogVersion(name: string): string {
  const text = readFileSync(join(REPO_ROOT, "pnpm-workspace.yaml"), "utf8");
  const match = new RegExp(`^\\s+"?${name.replace("/", "\\/")}"?:\\s*(\\S+)\\s*$`, "m").exec(text);
  if (!match?.[1]) throw new Error(`${name} is not in the pnpm-workspace.yaml catalog`);
  return match[1];
}
