import type { Html } from "./html.ts";
import { html } from "./html.ts";

/** Horizontal bar charts drawn at build time: no script, no library, readable without colour. */

export interface Bar {
  label: string;
  value: number;
  /** The value as the reader should see it, e.g. `1 800 000 €`. */
  valueText: string;
}

export interface BarChart {
  /** Unique in the page; prefixes the ids the SVG refers to. */
  id: string;
  title: string;
  /** Column headers of the data table that goes with the chart. */
  labelHeader: string;
  valueHeader: string;
  bars: Bar[];
  /** Shown under the chart: what is counted, what is left out. */
  note?: string;
}

const WIDTH = 720;
/** Room right of the longest bar for its value. */
const VALUE_ROOM = 170;
const LABEL_HEIGHT = 18;
const BAR_HEIGHT = 16;
const ROW_GAP = 14;
const ROW = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP;
/** Longer labels are cut in the drawing; the data table and the description keep them whole. */
const MAX_LABEL_CHARS = 88;

/** One decimal is plenty at this scale, and fixed rounding keeps the bytes stable. */
function coordinate(x: number): string {
  return String(Math.round(x * 10) / 10);
}

function shorten(label: string): string {
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1).trimEnd()}…` : label;
}

function bars(chart: BarChart): Html[] {
  const max = Math.max(0, ...chart.bars.map((b) => b.value));
  return chart.bars.map((bar, i) => {
    const top = i * ROW;
    const width = max > 0 ? (Math.max(0, bar.value) / max) * (WIDTH - VALUE_ROOM) : 0;
    const valueX = width + (width > 0 ? 6 : 0);
    return html`<g><title>${bar.label} : ${bar.valueText}</title><text x="0" y="${coordinate(top + 14)}" class="chart-label">${shorten(bar.label)}</text>${
      width > 0
        ? html`<rect x="0" y="${coordinate(top + LABEL_HEIGHT)}" width="${coordinate(width)}" height="${BAR_HEIGHT}" class="chart-bar"></rect>`
        : ""
    }<text x="${coordinate(valueX)}" y="${coordinate(top + LABEL_HEIGHT + 13)}" class="chart-value">${bar.valueText}</text></g>`;
  });
}

/** A `<figure>`: the SVG (an image with a title and a text description) then the same data as a table. */
export function barChart(chart: BarChart): Html {
  const height = Math.max(1, chart.bars.length) * ROW - ROW_GAP;
  const description = chart.bars.map((b) => `${b.label} : ${b.valueText}`).join(" ; ");
  const rows = chart.bars.map(
    (b) => html`<tr><th scope="row">${b.label}</th><td class="number">${b.valueText}</td></tr>`,
  );
  return html`<figure class="chart" id="${chart.id}">
<figcaption>${chart.title}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${chart.id}-titre ${chart.id}-desc" focusable="false">
<title id="${chart.id}-titre">${chart.title}</title>
<desc id="${chart.id}-desc">${description || "Aucune donnée."}</desc>
${bars(chart)}
</svg>
${chart.note ? html`<p class="chart-note">${chart.note}</p>` : ""}
<details>
<summary>Données du graphique (tableau)</summary>
<table>
<caption class="visually-hidden">${chart.title}</caption>
<thead><tr><th scope="col">${chart.labelHeader}</th><th scope="col">${chart.valueHeader}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</details>
</figure>`;
}
