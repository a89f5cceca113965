/**
 * The readiness diagram: a six-axis radar chart, worked out on the server as plain numbers and SVG path strings.
 * Pure: no DOM, no I/O. The template draws it; a data table beside it carries the same figures.
 */
import { scaleLinear } from 'd3-scale';
import { curveLinearClosed, lineRadial } from 'd3-shape';

export interface RadarSeriesInput {
  readonly key: string;
  /** One value per axis, in axis order; null where there is no score (drawn at the centre, marked missing). */
  readonly values: readonly (number | null)[];
}

export interface RadarPoint {
  readonly x: number;
  readonly y: number;
  readonly missing: boolean;
}

export interface RadarAxis {
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly labelX: number;
  readonly labelY: number;
  readonly anchor: 'start' | 'middle' | 'end';
}

export interface Radar {
  readonly size: number;
  readonly centre: number;
  readonly radius: number;
  readonly axes: RadarAxis[];
  /** Gridlines, one closed polygon path per scale step (1..max), with the value it marks. */
  readonly rings: { readonly value: number; readonly path: string; readonly labelY: number }[];
  readonly series: { readonly key: string; readonly path: string; readonly points: RadarPoint[] }[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The angle of axis i of n, in radians, clockwise from twelve o'clock. */
export function axisAngle(i: number, n: number): number {
  return (2 * Math.PI * i) / n;
}

export function radarGeometry(options: {
  readonly axes: readonly string[];
  readonly series: readonly RadarSeriesInput[];
  readonly max: number;
  readonly size?: number;
  /** Room around the chart for axis labels. */
  readonly margin?: number;
}): Radar {
  const size = options.size ?? 360;
  const margin = options.margin ?? 70;
  const centre = size / 2;
  const radius = centre - margin;
  const n = options.axes.length;
  if (n < 3) throw new Error('a radar needs at least three axes');
  const r = scaleLinear().domain([0, options.max]).range([0, radius]).clamp(true);
  const line = lineRadial<number>()
    .angle((_, i) => axisAngle(i, n))
    .radius((v) => r(v))
    .curve(curveLinearClosed);
  const at = (value: number, i: number) => ({
    x: round(centre + r(value) * Math.sin(axisAngle(i, n))),
    y: round(centre - r(value) * Math.cos(axisAngle(i, n))),
  });
  const shift = (path: string) => path.replace(/(-?\d+(?:\.\d+)?(?:e-?\d+)?),(-?\d+(?:\.\d+)?(?:e-?\d+)?)/g, (_, x: string, y: string) => `${String(round(Number(x) + centre))},${String(round(Number(y) + centre))}`);

  const axes = options.axes.map((key, i) => {
    const end = at(options.max, i);
    const angle = axisAngle(i, n);
    const lx = round(centre + (radius + 14) * Math.sin(angle));
    const ly = round(centre - (radius + 14) * Math.cos(angle));
    const sin = Math.sin(angle);
    const anchor: RadarAxis['anchor'] = Math.abs(sin) < 0.01 ? 'middle' : sin > 0 ? 'start' : 'end';
    return { key, x: end.x, y: end.y, labelX: lx, labelY: ly, anchor };
  });
  const rings = Array.from({ length: options.max }, (_, k) => {
    const value = k + 1;
    return { value, path: shift(line(Array.from({ length: n }, () => value)) ?? ''), labelY: round(centre - r(value)) };
  });
  const series = options.series.map((s) => {
    if (s.values.length !== n) throw new Error(`series ${s.key} has ${String(s.values.length)} values for ${String(n)} axes`);
    const values = s.values.map((v) => v ?? 0);
    return {
      key: s.key,
      path: shift(line(values) ?? ''),
      points: values.map((v, i) => ({ ...at(v, i), missing: s.values[i] === null })),
    };
  });
  return { size, centre, radius, axes, rings, series };
}
