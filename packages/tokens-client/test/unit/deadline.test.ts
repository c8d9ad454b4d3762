/** withDeadline: the first of the attempt, the timer and the caller's signal wins; nothing is left behind. */
import { describe, expect, it } from "vitest";
import { TIMED_OUT, withDeadline } from "../../src/deadline.js";

/** A signal that counts the abort listeners added and removed. */
function countingSignal() {
  const controller = new AbortController();
  const signal = controller.signal;
  const counts = { added: 0, removed: 0 };
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<typeof add>) => {
    counts.added++;
    add(...args);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
    counts.removed++;
    remove(...args);
  }) as typeof signal.removeEventListener;
  return { controller, signal, counts };
}

const never = () => new Promise<never>(() => {});

describe("withDeadline", () => {
  it("resolves and rejects with the attempt", async () => {
    await expect(withDeadline(Promise.resolve(1), 1000)).resolves.toBe(1);
    await expect(withDeadline(Promise.reject(new Error("x")), 1000)).rejects.toThrow("x");
  });

  it("rejects with TIMED_OUT when the attempt is too slow", async () => {
    await expect(withDeadline(never(), 5)).rejects.toBe(TIMED_OUT);
  });

  it("does not time out at once when ms exceeds the 32-bit timer limit", async () => {
    const late = new Promise((resolve) => setTimeout(resolve, 20, "late"));
    await expect(withDeadline(late, 3e9)).resolves.toBe("late");
  });

  it("rejects with the signal's reason as soon as it aborts", async () => {
    const { controller, signal } = countingSignal();
    const pending = withDeadline(never(), 60_000, signal);
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it("removes its listener from the caller's signal however it settles", async () => {
    const { signal, counts } = countingSignal();
    await withDeadline(Promise.resolve(1), 1000, signal);
    await withDeadline(Promise.reject(new Error("x")), 1000, signal).catch(() => {});
    await withDeadline(never(), 5, signal).catch(() => {});
    expect(counts).toEqual({ added: 3, removed: 3 });
  });
});
