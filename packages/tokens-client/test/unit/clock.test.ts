/** The system clock: sleeps that abort at once, timers that can be cancelled (unref: see exit.test.ts). */
import { describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock.js";

describe("systemClock.sleep", () => {
  it("resolves after the time, and rejects at once with the reason when the signal aborts", async () => {
    await expect(systemClock.sleep(1)).resolves.toBeUndefined();
    const controller = new AbortController();
    const pending = systemClock.sleep(60_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    await expect(systemClock.sleep(10, controller.signal)).rejects.toThrow("stop");
  });
});

describe("systemClock.later", () => {
  it("runs the function once after the delay, unless cancelled first", async () => {
    const runs: string[] = [];
    systemClock.later(() => runs.push("kept"), 5);
    const cancel = systemClock.later(() => runs.push("cancelled"), 5);
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toEqual(["kept"]);
  });
});
