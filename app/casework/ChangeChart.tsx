// Each characteristic's first and latest score on the 1–5 scale, drawn on the server as SVG: an
// open circle for the first reading, a filled square for the latest, a line between, and both
// values written beside the row (readable without colour). The page shows the table beside it.

export interface ChangeDatum {
  label: string;
  first: number | null;
  latest: number | null;
}

export function ChangeChart({
  id,
  title,
  data,
  width = 640,
}: {
  id: string;
  title: string;
  data: ChangeDatum[];
  width?: number;
}) {
  const labelWidth = 210;
  const valueRoom = 90;
  const band = 36;
  const top = 8;
  const height = top + data.length * band + 24;
  const x = (v: number) => labelWidth + 10 + ((v - 1) / 4) * (width - valueRoom - labelWidth - 10);
  const description = data
    .map((d) => `${d.label}: ${d.first ?? "none"} first, ${d.latest ?? "none"} latest`)
    .join("; ");
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
            <line x1={x(t)} x2={x(t)} y1={top} y2={height - 20} stroke="#b1b4b6" strokeWidth={1} />
            <text x={x(t)} y={height - 5} textAnchor="middle" fontSize={12} fill="#0b0c0c">
              {t}
            </text>
          </g>
        ))}
        {data.map((d, i) => {
          const cy = top + i * band + band / 2;
          return (
            <g key={`${d.label}-${i}`}>
              <text x={labelWidth - 4} y={cy + 4} textAnchor="end" fontSize={12} fill="#0b0c0c">
                {d.label}
              </text>
              {d.first !== null && d.latest !== null ? (
                <line
                  x1={x(d.first)}
                  x2={x(d.latest)}
                  y1={cy}
                  y2={cy}
                  stroke="#0b0c0c"
                  strokeWidth={2}
                />
              ) : null}
              {d.first !== null ? (
                <circle
                  cx={x(d.first)}
                  cy={cy}
                  r={6}
                  fill="#ffffff"
                  stroke="#0b0c0c"
                  strokeWidth={2}
                />
              ) : null}
              {d.latest !== null ? (
                <rect
                  x={x(d.latest) - 6}
                  y={cy - 6}
                  width={12}
                  height={12}
                  fill="#1d70b8"
                  stroke="#0b0c0c"
                  strokeWidth={1}
                />
              ) : null}
              <text x={width - valueRoom + 10} y={cy + 4} fontSize={12} fill="#0b0c0c">
                {d.first ?? "–"} → <tspan fontWeight={700}>{d.latest ?? "–"}</tspan>
              </text>
            </g>
          );
        })}
      </svg>
      <p className="govuk-body-s govuk-!-margin-top-1">
        Open circle: first assessment. Filled square: latest. Scale 1 (serious concern) to 5
        (thriving).
      </p>
    </figure>
  );
}
