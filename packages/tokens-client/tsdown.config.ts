import { defineConfig } from "tsdown";
import { libraryBuild } from "../../scripts/tsdown-library.mjs";

// Browsers, workers and every server runtime: no Node built-ins, so the neutral platform.
export default defineConfig(libraryBuild({ entry: ["src/index.ts"], platform: "neutral" }));
