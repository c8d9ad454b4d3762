import { describe, expect, it } from "vitest";
import { deleteDoneText, deleteListParams, isConfirmed, parseScope } from "../../src/delete-many.js";

describe("delete many", () => {
  it("maps each scope to the client's deleteList arguments", () => {
    expect(deleteListParams("temporary")).toEqual({ permanent: false });
    expect(deleteListParams("permanent")).toEqual({ permanent: true });
    expect(deleteListParams("all")).toEqual({ all: true });
  });

  it("falls back to the narrowest scope on an unknown value", () => {
    expect(["temporary", "permanent", "all", "ALL", null, ""].map(parseScope)).toEqual([
      "temporary",
      "permanent",
      "all",
      "temporary",
      "temporary",
      "temporary",
    ]);
  });

  it("needs the word 'delete' and nothing else", () => {
    expect(["delete", " Delete ", "DELETE"].map(isConfirmed)).toEqual([true, true, true]);
    expect(["", "yes", "delete!", "del ete"].map(isConfirmed)).toEqual([false, false, false, false]);
  });

  it("says what was deleted", () => {
    expect(deleteDoneText("temporary")).toBe("Deleted every temporary token.");
    expect(deleteDoneText("all")).toBe("Deleted every token.");
  });
});
