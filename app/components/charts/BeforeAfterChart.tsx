import { scaleLinear } from "d3-scale";

// Mean scores before and after, one row per statement, on the 1–5 scale, drawn on the server as
// SVG: an open circle for before, a filled square for after, a line between them, and both values
// written beside the row (so it reads in black and white and without colour). Each chart carries a
// text alternative; the page shows the table it is drawn from.

export interface BeforeAfterDatum {
  label: string;
  before: number | null;
  after: number | null;
}

function wrap(text: string, width: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if ((line + " " + w).trim().length > width && line) {
      lines.push(line);
      line = w;
    } else line = (line + " " + w).trim();
  }
  if (line) lines.push(line);
  return lines.slice(0, 3);
}

export function BeforeAfterChart({
  id,
  title,
  description,
  data,
  width = 640,
}: {
  id: string;
  title: string;
  description: string;
  data: BeforeAfterDatum[];
  width?: number;
}) {
  const labelWidth = 250;
  const valueRoom = 96;
  const band = 46;
  const top = 10;
  const height = top + data.length * band + 26;
  const x = scaleLinear()
    .domain([1, 5])
    .range([labelWidth + 10, width - valueRoom]);
  const fmt = (v: number | null) => (v === null ? "–" : v.toFixed(1));
  return (
    <figure className="lantern-chart" aria-labelledby={`${id}-caption`}>
      <figcaption
        id={`${id}-caption`}
        className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1"
      >
        {title}
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        fontFamily="arial, sans-serif"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {[1, 2, 3, 4, 5].map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={top} y2={height - 22} stroke="#b1b4b6" strokeWidth={1} />
            <text x={x(t)} y={height - 6} textAnchor="middle" fontSize={12} fill="#0b0c0c">
              {t}
            </text>
          </g>
        ))}
        {data.map((d, i) => {
          const cy = top + i * band + band / 2;
          const lines = wrap(d.label, 38);
          return (
            <g key={`${d.label}-${i}`}>
              <text
                x={labelWidth - 4}
                y={cy - ((lines.length - 1) * 14) / 2}
                textAnchor="end"
                fontSize={12}
                fill="#0b0c0c"
              >
                {lines.map((l, j) => (
                  <tspan key={j} x={labelWidth - 4} dy={j === 0 ? 4 : 14}>
                    {l}
                  </tspan>
                ))}
              </text>
              {d.before !== null && d.after !== null ? (
                <line
                  x1={x(d.before)}
                  x2={x(d.after)}
                  y1={cy}
                  y2={cy}
                  stroke="#0b0c0c"
                  strokeWidth={2}
                />
              ) : null}
              {d.before !== null ? (
                <circle
                  cx={x(d.before)}
                  cy={cy}
                  r={6}
                  fill="#ffffff"
                  stroke="#0b0c0c"
                  strokeWidth={2}
                />
              ) : null}
              {d.after !== null ? (
                <rect
                  x={x(d.after) - 6}
                  y={cy - 6}
                  width={12}
                  height={12}
                  fill="#1d70b8"
                  stroke="#0b0c0c"
                  strokeWidth={1}
                />
              ) : null}
              <text x={width - valueRoom + 10} y={cy + 4} fontSize={12} fill="#0b0c0c">
                {fmt(d.before)} → <tspan fontWeight={700}>{fmt(d.after)}</tspan>
              </text>
            </g>
          );
        })}
      </svg>
      <p className="govuk-body-s govuk-!-margin-top-1 lantern-chart__key">
        Open circle: mean before the session. Filled square: mean after. Scale 1 (disagree strongly)
        to 5 (agree strongly).
      </p>
    </figure>
  );
}
