// A horizontal bar chart drawn as SVG, with the same numbers as a table for
// screen readers (the picture is hidden from them).
import { formatCount } from "../format";

export interface Bar {
  label: string;
  value: number;
}

export function BarChart({ bars, caption }: { bars: Bar[]; caption: string }) {
  if (bars.length === 0) return <p class="muted">Nothing yet today.</p>;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const rowHeight = 28;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 400 ${bars.length * rowHeight}`} aria-hidden="true" focusable="false">
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * rowHeight})`}>
            <text x="0" y="18" class="chart-label">{b.label}</text>
            <rect x="160" y="5" height="18" width={Math.max(2, (b.value / max) * 180)} rx="3" />
            <text x={166 + (b.value / max) * 180} y="18" class="chart-value">{formatCount(b.value)}</text>
          </g>
        ))}
      </svg>
      <table class="visually-hidden">
        <caption>{caption}</caption>
        <tbody>
          {bars.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>{b.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
