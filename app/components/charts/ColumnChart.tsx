import { formatNumber } from "~/reports/tables";
import { scaleBand, scaleLinear } from "d3-scale";
import { line } from "d3-shape";

// Columns over time (months or quarters), drawn on the server as SVG, with an optional running
// total drawn as a line on its own right-hand scale. Values are written above the columns when
// there is room; the table below each chart holds every figure.

export interface ColumnDatum {
  label: string;
  value: number;
  /** Not yet begun: its column is empty and the running total stops before it. */
  future?: boolean;
}

export function ColumnChart({
  id,
  title,
  description,
  data,
  unit,
  cumulative,
  width = 640,
}: {
  id: string;
  title: string;
  description: string;
  data: ColumnDatum[];
  unit: string;
  /** Draw the running total as a line (right-hand scale). */
  cumulative?: boolean;
  width?: number;
}) {
  const height = 240;
  const margin = { top: 16, right: cumulative ? 48 : 12, bottom: 44, left: 44 };
  const max = Math.max(1, ...data.map((d) => d.value));
  const x = scaleBand<number>()
    .domain(data.map((_, i) => i))
    .range([margin.left, width - margin.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([height - margin.bottom, margin.top]);
  let running = 0;
  const runningTotals = data.map((d) => (running += d.value));
  const y2 = scaleLinear()
    .domain([0, Math.max(1, running)])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const path = line<number>()
    .defined((_, i) => !data[i].future)
    .x((_, i) => (x(i) ?? 0) + x.bandwidth() / 2)
    .y((v) => y2(v))(runningTotals);
  // Label every nth column so labels never overlap.
  const every = Math.max(1, Math.ceil(data.length / 8));
  const showValues = data.length <= 18;
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
        {y
          .ticks(4)
          .filter(Number.isInteger)
          .map((t) => (
            <g key={t}>
              <line
                x1={margin.left}
                x2={width - margin.right}
                y1={y(t)}
                y2={y(t)}
                stroke="#b1b4b6"
                strokeWidth={1}
              />
              <text
                x={margin.left - 6}
                y={y(t)}
                textAnchor="end"
                dominantBaseline="middle"
                fontSize={12}
                fill="#0b0c0c"
              >
                {formatNumber(t)}
              </text>
            </g>
          ))}
        {data.map((d, i) => (
          <g key={d.label}>
            <rect
              x={x(i)}
              y={y(d.value)}
              width={x.bandwidth()}
              height={Math.max(0, y(0) - y(d.value))}
              fill="#1d70b8"
            />
            {showValues && d.value > 0 ? (
              <text
                x={(x(i) ?? 0) + x.bandwidth() / 2}
                y={y(d.value) - 4}
                textAnchor="middle"
                fontSize={12}
                fontWeight={700}
                fill="#0b0c0c"
              >
                {formatNumber(d.value)}
              </text>
            ) : null}
            {i % every === 0 ? (
              <text
                x={(x(i) ?? 0) + x.bandwidth() / 2}
                y={height - margin.bottom + 16}
                textAnchor="middle"
                fontSize={12}
                fill="#0b0c0c"
              >
                {d.label}
              </text>
            ) : null}
          </g>
        ))}
        {cumulative && path ? (
          <>
            <path d={path} stroke="#0b0c0c" strokeWidth={2} strokeDasharray="6 4" fill="none" />
            {y2
              .ticks(4)
              .filter(Number.isInteger)
              .map((t) => (
                <text
                  key={t}
                  x={width - margin.right + 6}
                  y={y2(t)}
                  dominantBaseline="middle"
                  fontSize={12}
                  fill="#0b0c0c"
                >
                  {formatNumber(t)}
                </text>
              ))}
          </>
        ) : null}
      </svg>
      <p className="govuk-body-s govuk-!-margin-top-1 lantern-chart__key">
        Columns: {unit} (left scale).
        {cumulative ? " Dashed line: running total (right scale)." : ""}
      </p>
    </figure>
  );
}
