/** readEnv: a runtime that denies reading the environment is one where the variable is unset; it never throws. */
import { describe, expect, it } from "vitest";
import { readEnv } from "../../src/options.js";

/** A `process.env` that throws on every read, like Deno's without `--allow-env`. */
const deniedEnv = new Proxy(
  {},
  {
    get(_, name) {
      throw new Error(
        `NotCapable: Requires env access to "${String(name)}", run again with the --allow-env flag`,
      );
    },
  },
);

describe("readEnv", () => {
  it("reads a set variable and treats an empty one as unset", () => {
    expect(readEnv("A", { process: { env: { A: "value" } } })).toBe("value");
    expect(readEnv("A", { process: { env: { A: "" } } })).toBeUndefined();
    expect(readEnv("A", { process: { env: {} } })).toBeUndefined();
  });

  it("is undefined where there is no process.env (browsers, workers)", () => {
    expect(readEnv("A", {})).toBeUndefined();
    expect(readEnv("A", { process: {} })).toBeUndefined();
  });

  it("returns undefined instead of throwing when reading the environment is denied", () => {
    expect(() => deniedEnv.toString()).toThrow(/NotCapable/);
    expect(readEnv("NEUROIO_BASE_URL", { process: { env: deniedEnv } })).toBeUndefined();
  });
});
