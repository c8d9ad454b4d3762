/** Small number formatters for the benchmark and size reports. */
import { cpus, loadavg, totalmem } from "node:os";

/**
 * A ratio as `1.03x`.
 * @param {number} value
 */
export const ratio = (value) => `${value.toFixed(2)}x`;

/**
 * Bytes as `3,912 B`.
 * @param {number} bytes
 */
export const bytes = (bytes) => `${bytes.toLocaleString("en-US")} B`;

/**
 * Renders rows as a GitHub markdown table.
 * @param {string[]} header column titles
 * @param {(string | number)[][]} rows cells
 * @returns {string}
 */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/**
 * Milliseconds as `812 ms` (three decimals below 10 ms).
 * @param {number} value
 */
export const ms = (value) => `${value.toFixed(value < 10 ? 3 : 0)} ms`;

/**
 * A target's verdict.
 * @param {boolean} ok
 */
export const verdict = (ok) => (ok ? "met" : "MISSED");

/**
 * The row named `name`.
 * @template {{ name: string }} T
 * @param {T[]} rows
 * @param {string} name
 * @returns {T}
 */
export function find(rows, name) {
  const row = rows.find((r) => r.name === name);
  if (!row) throw new Error(`no result for ${name}`);
  return row;
}

/** The machine a run was taken on, and its load (timings on a loaded machine are not comparable). */
export function machineLine() {
  const cpu = cpus();
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
  return (
    `Machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
    `Node ${process.version}, ${process.platform}-${process.arch}, load average at start ${load}`
  );
}
