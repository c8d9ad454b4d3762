/** readEnv: a runtime that denies reading the environment is one where the variable is unset; it never throws. */
import { describe, expect, it } from "vitest";
import { type EnvRuntime, readEnv } from "../../src/options.js";

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

/** A Deno whose permission query answers `state` for every variable, recording what was asked. */
function denoWith(state: string, asked: string[]): EnvRuntime["Deno"] {
  return {
    permissions: {
      querySync: ({ variable }) => {
        asked.push(variable);
        return { state };
      },
    },
  };
}

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

  it("under Deno, asks for the permission first and reads only when it is granted (no prompt)", () => {
    const asked: string[] = [];
    const env = { NEUROIO_BASE_URL: "https://env.test" };
    expect(
      readEnv("NEUROIO_BASE_URL", { Deno: denoWith("prompt", asked), process: { env } }),
    ).toBeUndefined();
    expect(
      readEnv("NEUROIO_BASE_URL", { Deno: denoWith("denied", asked), process: { env } }),
    ).toBeUndefined();
    expect(readEnv("NEUROIO_BASE_URL", { Deno: denoWith("granted", asked), process: { env } })).toBe(
      "https://env.test",
    );
    expect(asked).toEqual(["NEUROIO_BASE_URL", "NEUROIO_BASE_URL", "NEUROIO_BASE_URL"]);
  });

  it("returns undefined when the permission query itself throws", () => {
    const Deno = {
      permissions: {
        querySync: () => {
          throw new TypeError("not supported");
        },
      },
    };
    expect(readEnv("A", { Deno, process: { env: { A: "value" } } })).toBeUndefined();
  });
});
