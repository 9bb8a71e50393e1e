// Pure arithmetic for feedback results: means of 1–5 scores from individual answers and paper
// tallies, and the paired change (after minus before) over respondents who answered both.

export type Tally = Partial<Record<1 | 2 | 3 | 4 | 5, number>>;

export interface Summary {
  n: number;
  mean: number | null;
}

/** Mean of individual scores plus tallied counts per score. */
export function combinedMean(scores: number[], tally: Tally = {}): Summary {
  let n = scores.length;
  let sum = scores.reduce((a, b) => a + b, 0);
  for (const [score, count] of Object.entries(tally)) {
    if (!count) continue;
    n += count;
    sum += Number(score) * count;
  }
  return { n, mean: n ? sum / n : null };
}

/** The mean of (after − before) over pairs; pairs with a missing side are left out. */
export function pairedChange(
  pairs: { before: number | null | undefined; after: number | null | undefined }[],
): Summary {
  const diffs = pairs
    .filter((p) => p.before != null && p.after != null)
    .map((p) => p.after! - p.before!);
  return {
    n: diffs.length,
    mean: diffs.length ? diffs.reduce((a, b) => a + b, 0) / diffs.length : null,
  };
}

/**
 * "3.4", or "–" when there is nothing to average. Changes carry a sign: "+1.2". A change that rounds
 * to nothing reads "0.0" either way, never "+0.0" or "-0.0".
 */
export function formatMean(value: number | null, opts: { signed?: boolean } = {}) {
  if (value === null || Number.isNaN(value)) return "–";
  const s = value.toFixed(1);
  if (s === "0.0" || s === "-0.0") return "0.0";
  return opts.signed && !s.startsWith("-") ? `+${s}` : s;
}
