import { formatNumber } from "~/reports/tables";
// One audience's progress toward a target, as a small SVG: the figure so far (solid), the
// projection at the current pace (outlined), and the target (a line). The numbers sit beside it in
// words, so the bar is never the only way to read it.
export function TargetBar({
  id,
  label,
  actual,
  projected,
  target,
}: {
  id: string;
  label: string;
  actual: number;
  projected: number | null;
  target: number;
}) {
  const width = 300;
  const height = 22;
  const max = Math.max(1, target, actual, projected ?? 0) * 1.05;
  const scale = (v: number) => (v / max) * width;
  const text = `${label}: ${formatNumber(actual)} of a target of ${formatNumber(target)}${projected !== null ? `; ${formatNumber(projected)} projected by the end of the period` : ""}.`;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      height={height}
      role="img"
      aria-labelledby={`${id}-t`}
      fontFamily="arial, sans-serif"
    >
      <title id={`${id}-t`}>{text}</title>
      <rect x={0} y={3} width={width} height={height - 6} fill="#f3f2f1" stroke="#b1b4b6" />
      {projected !== null ? (
        <rect
          x={0}
          y={3}
          width={scale(projected)}
          height={height - 6}
          fill="#ffffff"
          stroke="#1d70b8"
          strokeWidth={2}
          strokeDasharray="4 2"
        />
      ) : null}
      <rect x={0} y={3} width={scale(actual)} height={height - 6} fill="#1d70b8" />
      <line
        x1={scale(target)}
        x2={scale(target)}
        y1={0}
        y2={height}
        stroke="#0b0c0c"
        strokeWidth={3}
      />
    </svg>
  );
}
