/**
 * JSON text for a graph of plain data (objects, arrays, strings, finite numbers, booleans, null, undefined)
 * that keeps what `JSON.stringify` loses: an object reached twice stays one object (Prism's operations share
 * schemas, and Prism memoises a validator per schema object), a cycle stays a cycle, `undefined` stays a
 * present key. Anything else (a class instance, a null-prototype object, a function, a symbol key, -0, NaN)
 * makes {@link encodeGraph} return `undefined`: such a graph is not stored (nor one with a `__proto__` key).
 *
 * Format: `{"shared": [...], "root": ...}`; in it, an object `{"\u0000": n}` stands for shared object n
 * (`n >= 0`) or for `undefined` (`n = -1`). A graph with an object whose only key is "\u0000" is not stored.
 * @module
 */

const MARK = "\u0000";
const UNDEFINED = -1;

/** The graph as JSON text, or `undefined` when it holds anything {@link decodeGraph} would not give back. */
export function encodeGraph(root: unknown): string | undefined {
  const counts = new Map<object, number>();
  if (!count(root, counts)) return undefined;
  const indexes = new Map<object, number>();
  const shared: unknown[] = [];
  const encode = (value: unknown, top = false): unknown => {
    if (value === undefined) return { [MARK]: UNDEFINED };
    if (typeof value !== "object" || value === null) return value;
    if (!top && (counts.get(value) ?? 0) > 1) {
      let index = indexes.get(value);
      if (index === undefined) {
        index = shared.length;
        indexes.set(value, index);
        shared.push(null);
        shared[index] = encode(value, true);
      }
      return { [MARK]: index };
    }
    if (Array.isArray(value)) return value.map((item) => encode(item));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = encode(item);
    return out;
  };
  const encodedRoot = encode(root);
  return JSON.stringify({ shared, root: encodedRoot });
}

/**
 * The graph {@link encodeGraph} encoded.
 * @throws {Error} when the text is not such an encoding (a corrupt or foreign file)
 */
export function decodeGraph(text: string): unknown {
  const parsed = JSON.parse(text) as unknown;
  if (!isPlainObject(parsed) || !Array.isArray(parsed.shared) || !Object.hasOwn(parsed, "root")) {
    throw new Error("not an encoded graph");
  }
  const table = parsed.shared;
  const made = new Map<number, object>();
  const decodeShared = (index: number): object => {
    const existing = made.get(index);
    if (existing !== undefined) return existing;
    const encoded = table[index];
    if (typeof encoded !== "object" || encoded === null) throw new Error(`bad shared object ${index}`);
    // Registered before its content is decoded: a cycle back to it finds it.
    const target: object = Array.isArray(encoded) ? [] : {};
    made.set(index, target);
    fill(target, encoded);
    return target;
  };
  const decode = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) {
      fill(value, value);
      return value;
    }
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === MARK) {
      const index = (value as Record<string, unknown>)[MARK];
      if (index === UNDEFINED) return undefined;
      if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= table.length) {
        throw new Error(`bad reference ${String(index)}`);
      }
      return decodeShared(index as number);
    }
    fill(value, value);
    return value;
  };
  const fill = (target: object, encoded: object): void => {
    if (Array.isArray(encoded)) {
      const out = target as unknown[];
      for (let i = 0; i < encoded.length; i++) out[i] = decode(encoded[i]);
      return;
    }
    const out = target as Record<string, unknown>;
    for (const [key, item] of Object.entries(encoded)) {
      if (key === "__proto__") throw new Error("a __proto__ key");
      out[key] = decode(item);
    }
  };
  return decode(parsed.root);
}

/** Counts how often each object is reached; `false` when the graph holds something not encodable. */
function count(root: unknown, counts: Map<object, number>): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (value === undefined || value === null) continue;
    switch (typeof value) {
      case "string":
      case "boolean":
        continue;
      case "number":
        if (!Number.isFinite(value) || Object.is(value, -0)) return false;
        continue;
      case "object": {
        const seen = counts.get(value);
        counts.set(value, (seen ?? 0) + 1);
        if (seen !== undefined) continue;
        if (Array.isArray(value)) {
          if (Object.getPrototypeOf(value) !== Array.prototype) return false;
          if (Object.keys(value).length !== value.length) return false; // holes or extra keys
          pending.push(...value);
          continue;
        }
        if (!isPlainObject(value)) return false;
        if (Object.getOwnPropertySymbols(value).length > 0) return false;
        const keys = Object.keys(value);
        if (keys.length !== Object.getOwnPropertyNames(value).length) return false; // hidden properties
        if (keys.length === 1 && keys[0] === MARK) return false;
        // JSON.parse makes it an own key, an assignment would set the prototype: not worth the care.
        if (keys.includes("__proto__")) return false;
        for (const key of keys) pending.push((value as Record<string, unknown>)[key]);
        continue;
      }
      default:
        return false;
    }
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
