import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../../platform/i18n/index.js';
import { CHART_FONT, COLOURS, labelledPoints, niceScale, place, type Scale, textWidth } from '../charts.js';
import type { AgeBand } from '../figures.js';
import { count, monthTick } from './format.js';

/**
 * The population charts as SVG drawn on the server, inline in the page:
 * presentation attributes only (the CSP forbids inline styles), a viewBox
 * and width 100% so a phone shrinks them instead of scrolling, and every
 * value also in the data table under the chart. Text is dark on white;
 * the sexes differ by side and by their written label, not by colour alone.
 */

/** in viewBox units: the charts are drawn 380–400 wide, so a 390 px phone shows them near their own size and a wide screen at most about 1.5 times */
const FONT = 13;

function Svg({ width, height, label, children }: { width: number; height: number; label: string; children: ComponentChildren }) {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={label} font-family={CHART_FONT} font-size={FONT} fill={COLOURS.ink}>
      {children}
    </svg>
  );
}

const compact = (v: number, locale: Locale) => count(v, locale);

/** The pyramid's scale: a grid line each side of the band labels at every tick, the count under it (0 once). */
function PyramidGrid({ scale, at, top, bottom, locale }: { scale: Scale; at: (v: number, side: -1 | 1) => number; top: number; bottom: number; locale: Locale }) {
  return (
    <>
      {scale.ticks.map((v) => (
        <g key={v}>
          {([-1, 1] as const).map((side) => (
            <g key={side}>
              <line x1={at(v, side)} x2={at(v, side)} y1={top} y2={bottom} stroke={COLOURS.grid} />
              {v === 0 && side === 1 ? null : (
                <text x={at(v, side)} y={bottom + 16} text-anchor={v === 0 ? 'end' : 'middle'} fill={COLOURS.muted} font-size={12}>
                  {compact(v, locale)}
                </text>
              )}
            </g>
          ))}
        </g>
      ))}
    </>
  );
}

/**
 * The age pyramid: 5-year bands, the oldest on top, males to the left and
 * females to the right of the band labels, on one scale.
 */
export function PyramidChart({ bands, locale, label, words }: { bands: AgeBand[]; locale: Locale; label: string; words: { male: string; female: string; age: string } }) {
  const W = 400;
  const top = 34;
  const pitch = 18;
  const barH = 14;
  const mid = 32; // half the band-label column
  const cx = W / 2;
  const scale = niceScale(0, Math.max(1, ...bands.map((b) => Math.max(b.male, b.female))), 3);
  const H = top + bands.length * pitch + 30;
  const w = (v: number) => place(scale, v, 0, cx - mid - 18);
  return (
    <Svg width={W} height={H} label={label}>
      <text x={cx - mid} y={20} text-anchor="end" font-weight="700" font-size={14} fill={COLOURS.male}>
        {`◀ ${words.male}`}
      </text>
      <text x={cx} y={20} text-anchor="middle" fill={COLOURS.muted}>
        {words.age}
      </text>
      <text x={cx + mid} y={20} font-weight="700" font-size={14} fill={COLOURS.female}>
        {`${words.female} ▶`}
      </text>
      <PyramidGrid scale={scale} at={(v, side) => cx + side * (mid + w(v))} top={top - 4} bottom={H - 26} locale={locale} />
      {[...bands].reverse().map((b, i) => {
        const y = top + i * pitch;
        return (
          <g key={b.from}>
            <rect x={cx - mid - w(b.male)} y={y} width={w(b.male)} height={barH} fill={COLOURS.male} />
            <rect x={cx + mid} y={y} width={w(b.female)} height={barH} fill={COLOURS.female} />
            <text x={cx} y={y + barH - 2} text-anchor="middle">
              {b.to === null ? `${b.from}+` : `${b.from}–${b.to}`}
            </text>
          </g>
        );
      })}
    </Svg>
  );
}

/** The trend's month axis: about six months labelled, counted back from the last, the year under the first and where it turns. */
function MonthAxis({ months, x, y, locale }: { months: string[]; x: (i: number) => number; y: number; locale: Locale }) {
  const shown = labelledPoints(months.length);
  let lastYear = '';
  return (
    <>
      {months.map((m, i) => {
        if (!shown.has(i)) return null;
        const tick = monthTick(m, locale);
        const showYear = tick.year !== lastYear;
        lastYear = tick.year;
        return (
          <g key={m}>
            <line x1={x(i)} x2={x(i)} y1={y} y2={y + 4} stroke={COLOURS.muted} />
            <text x={x(i)} y={y + 17} text-anchor="middle" font-size={12}>
              {tick.month}
            </text>
            {showYear ? (
              <text x={x(i)} y={y + 32} text-anchor="middle" font-size={12} fill={COLOURS.muted}>
                {tick.year}
              </text>
            ) : null}
          </g>
        );
      })}
    </>
  );
}

/** People or households over up to 24 months: the axis fitted to the values, the last value written beside its point. */
export function TrendChart({ points, locale, label, title, colour }: { points: { month: string; value: number }[]; locale: Locale; label: string; title: string; colour: string }) {
  const W = 380;
  const H = 220;
  const top = 36;
  const bottom = 44;
  const right = 18;
  const values = points.map((p) => p.value);
  const scale = niceScale(Math.min(...values), Math.max(...values), 4, false);
  const left = Math.max(...scale.ticks.map((v) => textWidth(compact(v, locale), 12))) + 10;
  const x = (i: number) => (points.length === 1 ? (left + W - right) / 2 : left + (i * (W - left - right)) / (points.length - 1));
  const y = (v: number) => place(scale, v, H - bottom, top);
  const last = points[points.length - 1];
  return (
    <Svg width={W} height={H} label={label}>
      <text x={0} y={16} font-weight="700">
        {title}
      </text>
      {scale.ticks.map((v) => (
        <g key={v}>
          <line x1={left} x2={W - right} y1={y(v)} y2={y(v)} stroke={COLOURS.grid} />
          <text x={left - 6} y={y(v) + 4} text-anchor="end" fill={COLOURS.muted} font-size={12}>
            {compact(v, locale)}
          </text>
        </g>
      ))}
      <MonthAxis months={points.map((p) => p.month)} x={x} y={H - bottom} locale={locale} />
      {points.length > 1 ? <polyline points={points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')} fill="none" stroke={colour} stroke-width={2.5} /> : null}
      {points.map((p, i) => (
        <circle key={p.month} cx={x(i)} cy={y(p.value)} r={3.5} fill={colour} />
      ))}
      {last ? (
        <text x={x(points.length - 1)} y={y(last.value) - 9} text-anchor={points.length === 1 ? 'middle' : 'end'} font-weight="700">
          {count(last.value, locale)}
        </text>
      ) : null}
    </Svg>
  );
}

/** The towns or villages compared: one horizontal bar each, in the table's order, the value at the bar's end. */
export function BarChart({ rows, locale, label }: { rows: { label: string; value: number }[]; locale: Locale; label: string }) {
  const W = 400;
  const pitch = 26;
  const barH = 18;
  const top = 6;
  const labelW = Math.min(170, Math.max(...rows.map((r) => textWidth(r.label, 14)))) + 10;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const valueW = textWidth(count(max, locale), 13) + 8;
  const scale = niceScale(0, max, 5);
  const plot = W - labelW - valueW;
  const H = top + rows.length * pitch + 26;
  const w = (v: number) => place(scale, v, 0, plot);
  return (
    <Svg width={W} height={H} label={label}>
      {scale.ticks.map((v) => (
        <g key={v}>
          <line x1={labelW + w(v)} x2={labelW + w(v)} y1={top} y2={H - 22} stroke={COLOURS.grid} />
          <text x={labelW + w(v)} y={H - 6} text-anchor={v === 0 ? 'start' : 'middle'} fill={COLOURS.muted} font-size={12}>
            {compact(v, locale)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const y = top + i * pitch + (pitch - barH) / 2;
        return (
          <g key={`${r.label}-${i}`}>
            <text x={labelW - 8} y={y + barH - 3} text-anchor="end" font-size={14}>
              {r.label}
            </text>
            <rect x={labelW} y={y} width={w(r.value)} height={barH} fill={COLOURS.bar} />
            <text x={labelW + w(r.value) + 4} y={y + barH - 3}>
              {count(r.value, locale)}
            </text>
          </g>
        );
      })}
    </Svg>
  );
}
