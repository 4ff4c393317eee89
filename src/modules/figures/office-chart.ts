import * as echarts from 'echarts';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import type { FigureDef } from './headline.js';
import type { OfficeFigures } from './office.js';
import { figureHeader, slotLabel } from './office-tables.js';

const WIDTH = 760;
const HEIGHT = 340;

/**
 * One figure per day, week or month as SVG drawn on the server by ECharts:
 * bars for counts, a line for shares, times and days. The root keeps only
 * its viewBox (no pixel width), so the image is as wide as the column it
 * sits in and a phone at 390 px never scrolls sideways.
 */
export function officeChartSvg(f: OfficeFigures, def: FigureDef, t: Translate, locale: Locale): string {
  const labels = f.series.map((s) => slotLabel(s.period, f.grain, t, locale));
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'Noto Sans CJK TC, Noto Sans TC, sans-serif', fontSize: 13 },
    title: { text: figureHeader(def, t), left: 0, textStyle: { fontSize: 15 } },
    grid: { left: 56, right: 16, top: 44, bottom: 56 },
    xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: def.unit === 'count' ? 1 : 0, ...(def.unit === 'percent' ? { max: 100 } : {}) },
    series: [
      {
        name: t(`figures.f.${def.key}`),
        type: def.unit === 'count' ? 'bar' : 'line',
        // a slot without anything to measure is a gap in the line, not a zero
        data: f.series.map((s) => s.figures[def.key] ?? null),
        connectNulls: false,
        ...(def.unit === 'count' ? {} : { symbolSize: 6 }),
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return responsive(svg);
}

/** Drops the pixel width and height of the root <svg>, leaving its viewBox: it then scales to its container. */
export function responsive(svg: string): string {
  return svg.replace(/^<svg width="\d+" height="\d+"/, '<svg');
}
