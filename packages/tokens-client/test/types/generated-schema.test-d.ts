/** Type tests of the generated `paths`: they fail when the spec and the generated file drift apart. */
import { describe, expectTypeOf, it } from "vitest";
import type { components, operations, paths } from "../../src/index.js";

type Token = components["schemas"]["Token"];

describe("generated schema", () => {
  it("describes Token exactly as the wire carries it", () => {
    expectTypeOf<Token>().toEqualTypeOf<{
      id: number;
      key: string;
      is_active: boolean;
      created: string;
      expires: string | null;
    }>();
  });

  it("types every operation of the collection", () => {
    expectTypeOf<
      paths["/v1/tokens/"]["post"]["responses"][201]["content"]["application/json"]
    >().toEqualTypeOf<Token>();
    expectTypeOf<
      paths["/v1/tokens/"]["get"]["responses"][200]["content"]["application/json"]
    >().toEqualTypeOf<Token[]>();
    expectTypeOf<NonNullable<operations["listTokens"]["parameters"]["query"]>>().toEqualTypeOf<{
      permanent?: boolean;
      limit?: number;
      offset?: number;
    }>();
    // 204: the body is empty, so there is no content type to read.
    expectTypeOf<NonNullable<operations["deleteTokens"]["responses"][204]["content"]>>().toBeNever();
  });

  it("addresses a token by id or key", () => {
    expectTypeOf<
      paths["/v1/tokens/{token_id_or_key}/"]["parameters"]["path"]["token_id_or_key"]
    >().toEqualTypeOf<number | string>();
    expectTypeOf<
      NonNullable<operations["updateToken"]["requestBody"]>["content"]["application/json"]
    >().toEqualTypeOf<{ is_active: boolean }>();
  });

  it("declares the error bodies", () => {
    expectTypeOf<components["schemas"]["Error"]>().toEqualTypeOf<{ detail: string }>();
    expectTypeOf<components["schemas"]["ValidationError"]>().toEqualTypeOf<{ [key: string]: string[] }>();
  });
});
