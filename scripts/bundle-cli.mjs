#!/usr/bin/env node
/**
 * Bundles the mock's CLI (`src/cli.ts`) with the parts of Prism it runs into one CommonJS file,
 * `dist/cli.cjs`, which the package's `bin` starts. Run from packages/tokens-mock by its `build` script, after
 * tsdown has written `dist/`; an argument names another output folder (default `dist`).
 *
 * Why: Node spends most of the CLI's start-up finding, reading and compiling ~1,000 files of Prism's
 * dependency tree. One file removes the lookups and reads, and minified text parses faster; esbuild wraps
 * each bundled CommonJS module in a function that runs only when first required. Modules Prism requires at
 * load but the mock rarely or never runs stay out of the bundle, replaced by stubs that load the real one
 * from node_modules on first use: `@faker-js/faker` and `json-schema-faker` (generated bodies: `--dynamic`,
 * `Prefer: dynamic=true`), Postman-collection support (never: the mock serves OpenAPI), and node-fetch
 * (Prism's own forwarder; the mock forwards with its own code). The library entry (`dist/index.js`) is not
 * bundled: programs that import `startMockServer` load Prism from node_modules as before.
 */
import { readFile, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { build } from "esbuild";

const packageDir = process.cwd();
const output = join(process.argv[2] ?? "dist", "cli.cjs");
const staging = `${output}.${process.pid}.tmp`;

/** Modules Prism loads eagerly and the mock needs lazily (or never), and the names their stubs export. */
const LAZY = {
  "@faker-js/faker": ["faker"],
  "@stoplight/http-spec/postman/operation": ["transformPostmanCollectionOperations"],
};

/**
 * How a stub loads the real module, on first use, from node_modules (it is not in the bundle): resolved
 * from `@stoplight/prism-http`, whose dependencies these are.
 */
const loader = (name) =>
  `let real;\nconst load = () => (real ??= require("node:module").createRequire(require("node:module").createRequire(__filename).resolve("@stoplight/prism-http"))(${JSON.stringify(name)}));\n`;

/** The stub of a module: a getter per export that loads the real module on first access. */
function lazyStub(name) {
  const getters = LAZY[name].map((key) => `  get ${key}() { return load().${key}; },`).join("\n");
  return `${loader(name)}module.exports = {\n${getters}\n};\n`;
}

/**
 * node-fetch (with whatwg-url and tr46, whose `require("punycode")` Node 22 warns about) is what Prism's own
 * forwarder and callbacks would send with; the mock forwards with its own code, so it is loaded only if they
 * ever run. The stub is the fetch function, with node-fetch's classes as getters.
 */
const NODE_FETCH_STUB = `${loader("node-fetch")}function fetch(...args) { return load()(...args); }
for (const name of ["Headers", "Request", "Response", "FetchError", "AbortError", "isRedirect"]) {
  Object.defineProperty(fetch, name, { get: () => load()[name] });
}
fetch.default = fetch;
module.exports = fetch;
`;

/**
 * json-schema-faker is configured at load (`extend`, `option`) by Prism and by the mock: the stub records
 * those calls and replays them on the real generator the first time a body is generated.
 */
const JSON_SCHEMA_FAKER_STUB = `let real;
const calls = [];
const load = () => {
  if (real === undefined) {
    real = require("node:module").createRequire(require("node:module").createRequire(__filename).resolve("@stoplight/prism-http"))("json-schema-faker");
    for (const [method, args] of calls) real.JSONSchemaFaker[method](...args);
  }
  return real;
};
const recorded = (method) => (...args) => {
  // option(name) with one string argument reads a value: that needs the real generator.
  if (real === undefined && !(method === "option" && args.length === 1 && typeof args[0] === "string")) {
    calls.push([method, args]);
    return undefined;
  }
  return load().JSONSchemaFaker[method](...args);
};
const JSONSchemaFaker = new Proxy({}, {
  get: (_target, name) => (real === undefined && (name === "option" || name === "extend") ? recorded(name) : load().JSONSchemaFaker[name]),
});
module.exports = { JSONSchemaFaker, get default() { return load().default; } };
`;

/**
 * Bundled modules that cost much to load and whose exports Prism reads only inside functions: the importer
 * gets a stand-in that loads the bundled module on first use. lodash/fp (a converted copy of all of lodash,
 * ~30 ms at every start) is used by Prism's security checks only, which the mock turns off. The spec reader
 * (json-schema-ref-parser, the OpenAPI 2 and 3 operation transforms) runs only when a spec is read: a start
 * whose spec is in the spec cache (src/prism/spec-cache.ts) never loads it. The value says what the module
 * exports: an object, or a class Prism constructs (`new $RefParser()`).
 */
const DEFERRED = {
  "lodash/fp": "object",
  "@stoplight/json-schema-ref-parser": "class",
  "@stoplight/http-spec/oas3/operation": "object",
  "@stoplight/http-spec/oas2/operation": "object",
};

/** The stand-in of a deferred module: every operation on it is forwarded to the module, loaded then. */
const deferredStub = (path, kind) =>
  kind === "class"
    ? `let real;
const load = () => (real ??= require(${JSON.stringify(path)}));
module.exports = new Proxy(function DeferredModule() {}, {
  construct: (_target, args) => Reflect.construct(load(), args),
  apply: (_target, self, args) => Reflect.apply(load(), self, args),
  get: (_target, key) => load()[key],
  has: (_target, key) => key in load(),
});
`
    : `let real;
const load = () => (real ??= require(${JSON.stringify(path)}));
module.exports = new Proxy({}, {
  get: (_target, key) => load()[key],
  has: (_target, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_target, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});
`;

/** How Prism makes its Ajv instances (options, formats): what the generated meta-schema validator assumes. */
const PRISM_AJV_SETUP = `const baseAjvOptions = {
    allErrors: true,
    allowUnionTypes: true,
    allowMatchingProperties: true,
    strict: false,
    logger: unknownFormatSilencerLogger,
};
function createAjvInstances(Ajv) {
    const ajv = new Ajv({ ...baseAjvOptions, coerceTypes: true });
    const ajvNoCoerce = new Ajv({ ...baseAjvOptions, coerceTypes: false });
    (0, ajv_formats_1.default)(ajv);
    (0, ajv_formats_1.default)(ajvNoCoerce);
    ajv.addFormat('date-time', (0, dateTime_1.fmtDef)(dateTime_1.date_time, dateTime_1.compareDateTime));
    ajvNoCoerce.addFormat('date-time', (0, dateTime_1.fmtDef)(dateTime_1.date_time, dateTime_1.compareDateTime));`;

/** The id of JSON Schema draft-07, Ajv's default meta-schema. */
const DRAFT_07_META = "http://json-schema.org/draft-07/schema";

/**
 * The code Ajv generates to validate a schema against draft-07 (Ajv's standalone output), made by Prism's own
 * Ajv set up as PRISM_AJV_SETUP does: the same function each of Prism's instances would compile at run time
 * (Ajv ignores `coerceTypes` for meta-schemas, so one serves both). Its `require`s resolve from Prism.
 */
function draft07MetaValidator() {
  const prismRequire = createRequire(
    createRequire(join(packageDir, "package.json")).resolve("@stoplight/prism-http"),
  );
  const Ajv = prismRequire("ajv").default;
  const standalone = prismRequire("ajv/dist/standalone").default;
  const addFormats = prismRequire("ajv-formats").default;
  const dateTime = prismRequire("./validator/validators/dateTime");
  const ajv = new Ajv({
    allErrors: true,
    allowUnionTypes: true,
    allowMatchingProperties: true,
    strict: false,
    code: { source: true },
  });
  addFormats(ajv);
  ajv.addFormat("date-time", dateTime.fmtDef(dateTime.date_time, dateTime.compareDateTime));
  return standalone(ajv, ajv.getSchema(DRAFT_07_META));
}

/**
 * Source edits of bundled Prism files, each an exact text that must be found (the build fails otherwise, e.g.
 * after a Prism upgrade).
 */
const EDITS = {
  // decycle(), which Prism runs over the whole dereferenced spec, encodes the JSON pointer of every object it
  // passes (~15 ms at start); the pointer is only needed for an object met again (a cycle): kept as a path,
  // encoded then. The output is the same.
  "@stoplight/json/index.cjs.js": [
    ["return t?{$ref:t}:(r.set(n,pathToPointer(o)),", "return t?{$ref:pathToPointer(t)}:(r.set(n,o),"],
  ],
  // Prism's validator makes six Ajv instances at load (coercing and not, for each of three JSON Schema
  // drafts: ~15 ms); a spec uses one draft, so each pair is made when first asked for. The draft-07 pair
  // (the draft Prism's schemas name) gets the meta-schema's validator the build generated (see
  // DRAFT_07_META): each instance would otherwise generate and compile it before its first schema (~50 ms,
  // on the first request). The first edit changes nothing: it fails the build if Prism's Ajv options, which
  // that generated code was made with, change.
  "@stoplight/prism-http/dist/validator/validators/utils.js": [
    [PRISM_AJV_SETUP, PRISM_AJV_SETUP],
    [
      `const ajvInstances = {
    default: createAjvInstances(ajv_1.default),
    draft2019_09: createAjvInstances(_2019_1.default),
    draft2020_12: createAjvInstances(_2020_1.default),
};`,
      `const ajvInstances = {};
for (const [draft, Ajv] of [["default", ajv_1.default], ["draft2019_09", _2019_1.default], ["draft2020_12", _2020_1.default]]) {
    Object.defineProperty(ajvInstances, draft, {
        configurable: true,
        enumerable: true,
        get() {
            const value = createAjvInstances(Ajv);
            if (draft === "default") {
                for (const ajv of [value.coerce, value.noCoerce]) {
                    const meta = ajv.schemas["${DRAFT_07_META}"];
                    if (meta !== undefined && meta.validate === undefined) meta.validate = require("neuroio:draft-07-meta");
                }
            }
            Object.defineProperty(ajvInstances, draft, { value, enumerable: true });
            return value;
        },
    });
}`,
    ],
  ],
};

/** The files of EDITS the build has edited: one missing fails the build. */
const applied = new Set();

/** Stubs written out in full, by module name. */
const STUBS = {
  "json-schema-faker": JSON_SCHEMA_FAKER_STUB,
  "node-fetch": NODE_FETCH_STUB,
  // Imported for its side effect only: a global `fetch` where none exists. Node >= 20.19 has one.
  "isomorphic-fetch": "",
};

/**
 * esbuild plugin: the stubs above (one module per name, whoever imports it), jsonc-parser's ES build, and
 * prism-require.ts as static requires of the bundled Prism.
 */
const lazyModules = {
  name: "neuroio-lazy-modules",
  setup(pluginBuild) {
    const stubbed = [...Object.keys(LAZY), "json-schema-faker", "node-fetch", "isomorphic-fetch"];
    const filter = new RegExp(`^(${stubbed.map((name) => name.replace(/[/.-]/g, "\\$&")).join("|")})$`);
    pluginBuild.onResolve({ filter }, (args) => ({ path: args.path, namespace: "lazy" }));
    pluginBuild.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => ({
      contents: STUBS[args.path] ?? lazyStub(args.path),
      loader: "js",
    }));
    pluginBuild.onResolve({ filter: /^neuroio:draft-07-meta$/ }, (args) => ({
      path: args.path,
      namespace: "meta",
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: "meta" }, () => ({
      contents: draft07MetaValidator(),
      loader: "js",
      resolveDir: dirname(createRequire(join(packageDir, "package.json")).resolve("@stoplight/prism-http")),
    }));
    const deferred = new RegExp(
      `^(${Object.keys(DEFERRED)
        .map((name) => name.replace(/[/.-]/g, "\\$&"))
        .join("|")})$`,
    );
    pluginBuild.onResolve({ filter: deferred }, async (args) => {
      if (args.namespace === "deferred") return undefined;
      const real = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        namespace: "deferred",
      });
      if (real.errors.length > 0) return { errors: real.errors };
      // The path is the module's name: it names the stand-in in the bundle, where an absolute path of the
      // build machine does not belong; the real file goes along as plugin data.
      return {
        path: args.path,
        namespace: "deferred",
        pluginData: { file: real.path, kind: DEFERRED[args.path] },
      };
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: "deferred" }, (args) => ({
      contents: deferredStub(`./${basename(args.pluginData.file)}`, args.pluginData.kind),
      loader: "js",
      resolveDir: dirname(args.pluginData.file),
    }));
    const anySeparator = (file) => file.replace(/[.-]/g, "\\$&").replaceAll("/", "[\\\\/]");
    const edited = new RegExp(`node_modules[\\\\/](${Object.keys(EDITS).map(anySeparator).join("|")})$`);
    pluginBuild.onLoad({ filter: edited }, async (args) => {
      const file = Object.keys(EDITS).find((name) => args.path.replaceAll("\\", "/").endsWith(name));
      let contents = await readFile(args.path, "utf8");
      for (const [from, to] of EDITS[file]) {
        if (!contents.includes(from)) throw new Error(`${args.path}: text to edit not found:\n${from}`);
        contents = contents.replace(from, to);
      }
      applied.add(file);
      return { contents, loader: "js" };
    });
    // jsonc-parser's \`main\` is a UMD build whose requires esbuild cannot see: take its ES module build.
    pluginBuild.onResolve({ filter: /^jsonc-parser$/ }, async (args) => {
      const main = await pluginBuild.resolve("jsonc-parser/package.json", {
        kind: args.kind,
        resolveDir: args.resolveDir,
      });
      if (main.errors.length > 0) return { errors: main.errors };
      const manifest = JSON.parse(await readFile(main.path, "utf8"));
      return { path: join(dirname(main.path), manifest.module) };
    });
    pluginBuild.onLoad({ filter: /[\\/]src[\\/]prism[\\/]prism-require\.ts$/ }, () => ({
      contents: `export const requirePrismHttp = () => require("@stoplight/prism-http");
export const requireJsonSchemaFaker = () => require("json-schema-faker");
export const prismHttpVersion = () => require("@stoplight/prism-http/package.json").version;
const parts = {
  "dist/validator": () => require("@stoplight/prism-http/dist/validator"),
  "dist/mocker": () => require("@stoplight/prism-http/dist/mocker"),
  "dist/router": () => require("@stoplight/prism-http/dist/router"),
};
export const requirePrismPart = (part) => parts[part]();`,
      loader: "ts",
      resolveDir: join(packageDir, "src", "prism"),
    }));
  },
};

await rm(join(packageDir, staging), { force: true });
const result = await build({
  absWorkingDir: packageDir,
  entryPoints: ["src/cli.ts"],
  outfile: staging,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // Real files (the real module behind a stub is required by its absolute path) are bundled once each.
  plugins: [lazyModules],
  // `import.meta.url` (createRequire, the spec's path) is the bundle's own file URL, as in the ES module build.
  define: { "import.meta.url": "__neuroioImportMetaUrl" },
  banner: { js: 'var __neuroioImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  legalComments: "eof",
  // Smaller text parses faster; names kept because some code reads `constructor.name` / `error.name`.
  minify: true,
  keepNames: true,
  logLevel: "warning",
  metafile: true,
});
if (process.env.BUNDLE_REPORT) {
  const sizes = new Map();
  for (const [file, info] of Object.entries(result.metafile.inputs)) {
    const name =
      /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file;
    sizes.set(name, (sizes.get(name) ?? 0) + info.bytes);
  }
  for (const [name, bytes] of [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(String(Math.round(bytes / 1024)).padStart(6), "KiB", name);
}
const missed = Object.keys(EDITS).filter((file) => !applied.has(file));
if (missed.length > 0) throw new Error(`Files to edit not bundled: ${missed.join(", ")}`);
const text = await readFile(join(packageDir, staging), "utf8");
await rename(join(packageDir, staging), join(packageDir, output));
console.log(`Bundled the CLI into dist/cli.cjs (${Math.round(text.length / 1024)} KiB).`);
