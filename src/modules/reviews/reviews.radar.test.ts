import { describe, expect, it } from 'vitest';
import { axisAngle, radarGeometry } from './reviews.radar.js';

const AXES = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('radarGeometry', () => {
  const radar = radarGeometry({ axes: AXES, max: 5, size: 300, margin: 50, series: [{ key: 'full', values: [5, 5, 5, 5, 5, 5] }, { key: 'mixed', values: [5, null, 2.5, 0, 1, 4] }] });

  it('puts the first axis straight up and goes round clockwise', () => {
    expect(radar.centre).toBe(150);
    expect(radar.radius).toBe(100);
    expect(radar.axes[0]).toMatchObject({ x: 150, y: 50, anchor: 'middle' });
    expect(radar.axes[1]?.x).toBeCloseTo(150 + 100 * Math.sin(Math.PI / 3), 1);
    expect(radar.axes[1]?.anchor).toBe('start');
    expect(radar.axes[3]).toMatchObject({ x: 150, y: 250 });
    expect(radar.axes[4]?.anchor).toBe('end');
    expect(axisAngle(3, 6)).toBeCloseTo(Math.PI);
  });

  it('scales values from the centre (0) to the edge (max)', () => {
    const mixed = radar.series[1];
    expect(mixed?.points[0]).toEqual({ x: 150, y: 50, missing: false });
    expect(mixed?.points[2]?.x).toBeCloseTo(150 + 50 * Math.sin((2 * Math.PI * 2) / 6), 1);
    expect(mixed?.points[3]).toEqual({ x: 150, y: 150, missing: false });
  });

  it('draws a missing score at the centre and marks it missing', () => {
    expect(radar.series[1]?.points[1]).toEqual({ x: 150, y: 150, missing: true });
  });

  it('makes closed paths in page coordinates, one ring per scale step', () => {
    expect(radar.rings.map((r) => r.value)).toEqual([1, 2, 3, 4, 5]);
    expect(radar.series[0]?.path).toMatch(/^M150,50L/);
    expect(radar.series[0]?.path.endsWith('Z')).toBe(true);
    expect(radar.rings[4]?.path).toBe(radar.series[0]?.path);
  });

  it('clamps values above the maximum and refuses bad input', () => {
    const over = radarGeometry({ axes: AXES, max: 5, size: 300, margin: 50, series: [{ key: 'x', values: [9, 5, 5, 5, 5, 5] }] });
    expect(over.series[0]?.points[0]?.y).toBe(50);
    expect(() => radarGeometry({ axes: ['a', 'b'], max: 5, series: [] })).toThrow();
    expect(() => radarGeometry({ axes: AXES, max: 5, series: [{ key: 'short', values: [1] }] })).toThrow();
  });
});
