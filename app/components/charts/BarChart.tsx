import { formatNumber } from "~/reports/tables";
import { scaleBand, scaleLinear } from "d3-scale";

// A horizontal bar chart drawn on the server as SVG: one bar per category, the value written at
// the end of each bar (so it reads in black and white and without colour), an optional target
// marker. Each chart carries a text alternative; the page shows the table it is drawn from.

export interface BarDatum {
  label: string;
  value: number;
  /** Optional second value drawn as a thin marker (a target or a projection). */
  marker?: number | null;
}

export function BarChart({
  id,
  title,
  description,
  data,
  unit,
  markerLabel,
  width = 640,
}: {
  id: string;
  title: string;
  description: string;
  data: BarDatum[];
  unit: string;
  markerLabel?: string;
  width?: number;
}) {
  const labelWidth = 210;
  const valueRoom = 70;
  const band = 30;
  const top = 8;
  const height = top + data.length * band + 24;
  const max = Math.max(1, ...data.map((d) => Math.max(d.value, d.marker ?? 0)));
  const x = scaleLinear()
    .domain([0, max])
    .nice()
    .range([labelWidth, width - valueRoom]);
  const y = scaleBand<number>()
    .domain(data.map((_, i) => i))
    .range([top, top + data.length * band])
    .padding(0.25);
  // Counts are whole: no tick at 0.2 or 0.4 (issue 12, item 12).
  const ticks = x.ticks(4).filter(Number.isInteger);
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
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={top} y2={height - 20} stroke="#b1b4b6" strokeWidth={1} />
            <text x={x(t)} y={height - 6} textAnchor="middle" fontSize={12} fill="#0b0c0c">
              {formatNumber(t)}
            </text>
          </g>
        ))}
        {data.map((d, i) => (
          <g key={d.label}>
            <text
              x={labelWidth - 8}
              y={(y(i) ?? 0) + y.bandwidth() / 2}
              dominantBaseline="middle"
              textAnchor="end"
              fontSize={13}
              fill="#0b0c0c"
            >
              {d.label.length > 30 ? `${d.label.slice(0, 29)}…` : d.label}
            </text>
            <rect
              x={labelWidth}
              y={y(i)}
              width={Math.max(0, x(d.value) - labelWidth)}
              height={y.bandwidth()}
              fill="#1d70b8"
            />
            {d.marker != null ? (
              <line
                x1={x(d.marker)}
                x2={x(d.marker)}
                y1={(y(i) ?? 0) - 3}
                y2={(y(i) ?? 0) + y.bandwidth() + 3}
                stroke="#0b0c0c"
                strokeWidth={3}
              />
            ) : null}
            <text
              x={x(d.value) + 6}
              y={(y(i) ?? 0) + y.bandwidth() / 2}
              dominantBaseline="middle"
              fontSize={12}
              fontWeight={700}
              fill="#0b0c0c"
            >
              {formatNumber(d.value)}
            </text>
          </g>
        ))}
      </svg>
      <p className="govuk-body-s govuk-!-margin-top-1 lantern-chart__key">
        Bars: {unit}.{markerLabel ? ` Vertical line: ${markerLabel}.` : ""}
      </p>
    </figure>
  );
}
