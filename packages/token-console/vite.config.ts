import { defineConfig } from "vite";
import { forbidNodeBuiltins } from "./tools/forbid-node-builtins.js";

export default defineConfig({
  plugins: [forbidNodeBuiltins()],
  // Relative asset URLs: the built page works from any folder or static host.
  base: "./",
  build: {
    target: "es2022",
    sourcemap: true,
  },
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
});
