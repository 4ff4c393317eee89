import * as echarts from 'echarts';
import type { Locale } from '../../platform/i18n/index.js';
import type { FigureDef } from './headline.js';
import type { Period } from './periods.js';

/**
 * Small multiples: one little chart per office, every one on the same
 * vertical scale so the eye can compare them. Drawn on the server (ECharts
 * SSR) at a nominal size and shipped with a viewBox and width 100%, so an
 * image shrinks to a phone's width instead of pushing the page sideways.
 */

const WIDTH = 320;
const HEIGHT = 180;
export const CHART_SIZE = { width: WIDTH, height: HEIGHT } as const;

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above the largest value: the scale every small multiple shares. */
export function sharedMax(series: (number | null)[][], unit: FigureDef['unit']): number {
  const top = Math.max(0, ...series.flat().filter((v): v is number => v !== null));
  if (unit === 'percent' && top > 50) return 100;
  if (top <= 0) return unit === 'percent' ? 100 : 1;
  const p = 10 ** Math.floor(Math.log10(top));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * p >= top) return f * p;
  return 10 * p;
}

// fixed rather than from ICU, as periodLabel does: the runtime's data decides between 'Sep' and 'Sept'
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A month as an axis label: 11月 / Nov (the data table beside the chart gives the full 民國 month). */
export function monthTick(p: Period, locale: Locale): string {
  const m = Number(p.from.slice(5, 7));
  return locale === 'en' ? MONTHS_EN[m - 1]! : `${m}月`;
}

export function smallMultipleSvg(opts: { months: Period[]; values: (number | null)[]; max: number; locale: Locale }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Noto Sans CJK TC, Noto Sans TC, sans-serif', fontSize: 12, color: '#333' },
      grid: { left: 44, right: 12, top: 14, bottom: 26 },
      xAxis: { type: 'category', data: opts.months.map((m) => monthTick(m, opts.locale)), axisLabel: { interval: (i: number) => (opts.months.length - 1 - i) % 2 === 0, color: '#333' } },
      // five steps of a round size: 0, 5, 10 … 25 for a scale of 25
      yAxis: { type: 'value', min: 0, max: opts.max, interval: opts.max / 5, axisLabel: { color: '#333' } },
      // every other month labelled, counted back from the period's own; a month without counts is a gap, not a zero
      series: [{ type: 'line', data: opts.values.map((v) => (v === null ? '-' : v)), connectNulls: false, symbolSize: 5, lineStyle: { width: 2, color: '#0b4f6c' }, itemStyle: { color: '#0b4f6c' } }],
    });
    return scalable(chart.renderToSVGString({ useViewBox: true }));
  } finally {
    chart.dispose();
  }
}

/** The root element's fixed pixel size gives way to width 100%; the viewBox keeps the proportions. */
function scalable(svg: string): string {
  return svg.replace(/^<svg width="\d+" height="\d+"/, '<svg width="100%"');
}
