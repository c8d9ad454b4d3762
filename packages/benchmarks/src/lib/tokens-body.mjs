/** The list response every benchmark server and fake fetch answers with: two tokens, as the real API sends. */
export const LIST_BODY = JSON.stringify([
  {
    id: 2,
    key: "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b",
    is_active: true,
    created: "2026-11-27T10:00:00Z",
    expires: "2026-11-28T10:00:00Z",
  },
  {
    id: 1,
    key: "3c59dc048e8850243be8079a5c74d079f1c7d8a0",
    is_active: true,
    created: "2026-11-20T08:30:00Z",
    expires: null,
  },
]);
