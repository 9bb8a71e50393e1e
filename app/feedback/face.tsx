// The picture scale's faces, drawn as SVG so they look the same on every phone (emoji fonts vary,
// and some devices have none). Decoration only: the words beside each face are the label.
const MOUTHS: Record<string, string> = {
  "1": "M12 27 Q20 19 28 27",
  "2": "M13 26 Q20 22 27 26",
  "3": "M13 25 L27 25",
  "4": "M13 23 Q20 28 27 23",
  "5": "M11 22 Q20 32 29 22 Z",
};
const FILLS: Record<string, string> = {
  "1": "#f4b6b6",
  "2": "#f8d3a8",
  "3": "#ffe98a",
  "4": "#cfe8a9",
  "5": "#a8dba8",
};

export function Face({ score, size = 40 }: { score: string; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 40 40"
      aria-hidden="true"
      focusable="false"
      style={{ verticalAlign: "middle", marginRight: 10, flex: "none" }}
    >
      <circle
        cx="20"
        cy="20"
        r="18"
        fill={FILLS[score] ?? "#ffe98a"}
        stroke="#0b0c0c"
        strokeWidth="2"
      />
      <circle cx="14" cy="15" r="2.2" fill="#0b0c0c" />
      <circle cx="26" cy="15" r="2.2" fill="#0b0c0c" />
      {score === "1" ? (
        <path
          d="M10 10 L16 12 M30 10 L24 12"
          stroke="#0b0c0c"
          strokeWidth="2"
          strokeLinecap="round"
        />
      ) : null}
      <path
        d={MOUTHS[score] ?? MOUTHS["3"]}
        fill={score === "5" ? "#fff" : "none"}
        stroke="#0b0c0c"
        strokeWidth="2.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
