import { describe, expect, it } from 'vitest';
import { errorRateChart, escapeXml, impactRatioChart, selectionRateChart, trendChart } from '../../src/report/charts.js';

const frame = (id: string) => ({ id, title: `Chart ${id}` });

describe('charts', () => {
  it('escape every data string, in text and in attributes', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
    const svg = selectionRateChart({ ...frame('s'), rateLabel: 'Selection rate', rows: [{ label: '"><img src=x onerror=alert(1)>', value: 0.5, interval: [0.4, 0.6], eligible: true }] });
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&#34;&#62;&#60;img src=x onerror=alert(1)&#62;');
  });

  it('draw the selection rate as a dot with whiskers at the interval ends', () => {
    const svg = selectionRateChart({ ...frame('s'), rateLabel: 'Selection rate', rows: [{ label: 'A', value: 0.5, interval: [0.25, 0.75], eligible: true }] });
    // One circle, one whisker line and two caps; the caps sit a quarter and three quarters along the axis.
    expect(svg.match(/<circle/g)).toHaveLength(1);
    const caps = [...svg.matchAll(/<line x1="([\d.]+)" x2="\1" y1="[\d.]+" y2="[\d.]+" stroke="#1f2933" stroke-width="1.5"\/>/g)].map((m) => Number(m[1]));
    expect(caps).toHaveLength(2);
    const axis = [...svg.matchAll(/<line x1="([\d.]+)" x2="\1"[^>]*stroke="#d9dee4"/g)].map((m) => Number(m[1]));
    const [zero, one] = [axis[0], axis[axis.length - 1]];
    expect(caps[0]).toBeCloseTo(zero + 0.25 * (one - zero), 0);
    expect(caps[1]).toBeCloseTo(zero + 0.75 * (one - zero), 0);
    expect(svg).toContain('>50.0%</text>');
  });

  it('mark impact ratios below the line in words and with a hatch, not by colour alone', () => {
    const svg = impactRatioChart({
      ...frame('i'),
      threshold: 0.8,
      rows: [
        { label: 'A', ratio: 1, reference: true, eligible: true },
        { label: 'B', ratio: 0.7996, reference: false, eligible: true },
        { label: 'C', ratio: 0.85, reference: false, eligible: true },
      ],
    });
    expect(svg).toContain('>1.000 reference</text>');
    expect(svg).toContain('>0.7996 below 0.8</text>');
    expect(svg).toContain('>0.850</text>');
    expect(svg.match(/fill="url\(#i-hatch\)"/g)).toHaveLength(1);
    expect(svg).toContain('0.8 (four-fifths line)');
  });

  it('plot only judged groups with both rates in the TPR/FPR chart and list the others', () => {
    const svg = errorRateChart({
      ...frame('e'),
      rows: [
        { label: 'A', tpr: 0.78, fpr: 0.23, eligible: true },
        { label: 'B', tpr: 0.62, fpr: 0.14, eligible: true },
        { label: 'Tiny', tpr: 0.5, fpr: 1, eligible: false },
        { label: 'NoPos', tpr: null, fpr: 0.2, eligible: true },
      ],
    });
    expect(svg.match(/<circle/g)).toHaveLength(2);
    expect(svg).toContain('Not plotted, too small to judge: Tiny');
    expect(svg).toContain('Not plotted, TPR or FPR undefined: NoPos');
    // Zoomed axes: FPR 0.14–0.23 widened by 0.03 and to tenths → 10%–30%, then to the 0.3 minimum span → 10%–40%.
    expect(svg).toContain('>10%</text>');
    expect(svg).toContain('>40%</text>');
    expect(svg).not.toContain('>100%</text>');
  });

  it('carry a title, a description and an accessible name', () => {
    const svg = selectionRateChart({ ...frame('x'), rateLabel: 'Selection rate', rows: [{ label: 'A', value: null, interval: null, eligible: true, note: 'n/a — no rows' }] });
    expect(svg).toMatch(/^<svg class="chart" role="img" aria-label="Chart x" aria-describedby="x-desc"/);
    expect(svg).toContain('<title id="x-title">Chart x</title><desc id="x-desc">A: n/a — no rows</desc>');
  });

  it('draw a trend as lines over run time with a marker per run, breaking where a value is missing', () => {
    const day = 86_400_000;
    const svg = trendChart({
      ...frame('t'),
      runs: [0, 1, 3].map((d) => ({ time: d * day, label: `day ${d}` })),
      series: [
        { label: 'Impact ratio', values: [0.9, 0.85, 0.7] },
        { label: 'Parity', values: [0.05, null, 0.12] },
      ],
      limits: [{ value: 0.8, label: 'limit: impact ratio ≥ 0.8' }],
    });
    const paths = [...svg.matchAll(/<path d="([^"]+)" fill="none"/g)].map((m) => m[1]);
    // Impact ratio: one line through three points; parity: two separate points (a gap at day 1).
    expect(paths[0].match(/[ML]/g)).toEqual(['M', 'L', 'L']);
    expect(paths[1].match(/[ML]/g)).toEqual(['M', 'M']);
    // Run times are proportional: day 1 sits a third of the way from day 0 to day 3.
    const xs = [...paths[0].matchAll(/[ML]([\d.]+) /g)].map((m) => Number(m[1]));
    expect(xs[1] - xs[0]).toBeCloseTo((xs[2] - xs[0]) / 3, 0);
    expect(svg).toContain('>day 0</text>');
    expect(svg).toContain('>this run 0.700, first run 0.900</text>');
    expect(svg).toContain('3 runs from day 0 to day 3. Impact ratio: 0.900 in the first run with a value, 0.700 in this run; lowest 0.700, highest 0.900; Parity: 0.050');
    expect(svg).toContain('>limit: impact ratio ≥ 0.8</text>');
    expect(svg).not.toContain('NaN');
  });

  it('escape labels in a trend chart', () => {
    const svg = trendChart({ ...frame('t'), runs: [{ time: 0, label: '<b>' }, { time: 1, label: 'x' }], series: [{ label: '"><img src=x>', values: [0.1, 0.2] }], limits: [] });
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<b>');
  });
});
