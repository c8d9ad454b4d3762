/** Small number formatters for the benchmark and size reports. */

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
