/** Statistics for the benchmarks: medians across rounds, latency percentiles, alternating run orders. */

/**
 * The median of a list of numbers (mean of the two middle values for an even count).
 * @param {number[]} values at least one
 * @returns {number}
 */
export function median(values) {
  if (values.length === 0) throw new RangeError("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The nearest-rank percentile: the smallest value with at least `p`% of the values at or below it.
 * @param {number[]} values at least one
 * @param {number} p in (0, 100]
 * @returns {number}
 */
export function percentile(values, p) {
  if (values.length === 0) throw new RangeError("percentile of an empty list");
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} is not in (0, 100]`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

/**
 * Run orders for `rounds` rounds so no contender always goes first (cold) or right after the same neighbour:
 * rounds come in pairs, the list rotated by one more step per pair, run forwards then backwards.
 * @template T
 * @param {T[]} contenders
 * @param {number} rounds
 * @returns {T[][]}
 */
export function alternatingOrders(contenders, rounds) {
  return Array.from({ length: rounds }, (_, round) => {
    const shift = Math.floor(round / 2) % contenders.length;
    const rotated = [...contenders.slice(shift), ...contenders.slice(0, shift)];
    return round % 2 === 1 ? rotated.reverse() : rotated;
  });
}
