import { describe, expect, it } from 'vitest';
import { drawCircle, initials, type GeometryPerson } from './circle.geometry.js';
import { CIRCLES, type Circle } from './projects.registry.js';

function people(counts: Partial<Record<Circle, number>>): GeometryPerson[] {
  return CIRCLES.flatMap((circle) => Array.from({ length: counts[circle] ?? 0 }, (_, i) => ({ id: `${circle}-${String(i)}`, name: `Person ${String(i)} ${circle}`, circle })));
}

/** Every mark sits wholly inside its own ring, and no two marks overlap. */
function expectTidy(input: GeometryPerson[]) {
  const d = drawCircle(input);
  expect(d.marks).toHaveLength(input.length);
  expect(new Set(d.marks.map((m) => m.id))).toEqual(new Set(input.map((p) => p.id)));
  // Checked in plain loops and asserted once: 200 marks make 20,000 pairs.
  let worstRing = Infinity;
  for (const mark of d.marks) {
    const ring = d.rings.find((r) => r.circle === mark.circle);
    if (ring === undefined) throw new Error('no ring');
    const distance = Math.hypot(mark.x - d.centre, mark.y - d.centre);
    worstRing = Math.min(worstRing, ring.outer - (distance + d.markRadius), ring.inner > 0 ? distance - d.markRadius - ring.inner : Infinity);
  }
  expect(worstRing).toBeGreaterThanOrEqual(-0.05);
  let closest = Infinity;
  for (let i = 0; i < d.marks.length; i += 1) {
    for (let j = i + 1; j < d.marks.length; j += 1) {
      const a = d.marks[i];
      const b = d.marks[j];
      if (a !== undefined && b !== undefined) closest = Math.min(closest, Math.hypot(a.x - b.x, a.y - b.y));
    }
  }
  if (d.marks.length > 1) expect(closest).toBeGreaterThanOrEqual(2 * d.markRadius - 0.05);
  // Nobody covers a ring's number.
  let nearestLabel = Infinity;
  for (const ring of d.rings) for (const mark of d.marks) nearestLabel = Math.min(nearestLabel, Math.hypot(mark.x - ring.labelX, mark.y - ring.labelY));
  expect(nearestLabel).toBeGreaterThan(d.markRadius + 6);
  return d;
}

describe('the Circle of Support drawing', () => {
  it('draws four rings, co-producers at the centre, equal widths', () => {
    const d = drawCircle([]);
    expect(d.rings.map((r) => r.circle)).toEqual(CIRCLES);
    expect(d.rings.map((r) => r.number)).toEqual([1, 2, 3, 4]);
    expect(d.rings[0]?.inner).toBe(0);
    const widths = d.rings.map((r) => r.outer - r.inner);
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThan(0.05);
    expect(d.rings[3]?.outer).toBeLessThan(d.size / 2);
  });

  it('puts a single co-producer at the very centre', () => {
    const d = drawCircle(people({ co_producers: 1 }));
    expect(d.marks[0]).toMatchObject({ x: d.centre, y: d.centre });
  });

  it('spreads six people around their rings with readable initials', () => {
    const d = expectTidy(people({ co_producers: 2, participants: 2, involved: 1, consulted: 1 }));
    expect(d.showInitials).toBe(true);
    expect(d.markRadius).toBe(16);
  });

  it('fits 200 people without overlaps, making marks smaller and dropping initials', () => {
    const d = expectTidy(people({ co_producers: 20, participants: 80, involved: 60, consulted: 40 }));
    expect(d.markRadius).toBeLessThan(16);
  });

  it('fits 200 people all in one ring', () => {
    expectTidy(people({ participants: 200 }));
    expectTidy(people({ co_producers: 200 }));
  });

  it('is the same drawing for the same people', () => {
    const input = people({ co_producers: 3, participants: 7, involved: 2, consulted: 5 });
    expect(drawCircle(input)).toEqual(drawCircle(input));
  });

  it('gives other people with the same numbers in each circle the same places, in their order', () => {
    const first = drawCircle(people({ co_producers: 3, participants: 40, consulted: 9 }));
    const renamed = people({ co_producers: 3, participants: 40, consulted: 9 }).map((p) => ({ ...p, id: `other-${p.id}`, name: `Someone ${p.name}` }));
    const second = drawCircle(renamed);
    expect(second.marks.map((m) => [m.x, m.y, m.circle])).toEqual(first.marks.map((m) => [m.x, m.y, m.circle]));
    expect(second.marks.map((m) => m.id)).toEqual(renamed.map((p) => p.id));
    expect(second.marks[0]?.initials).toBe('SC'); // "Someone Person 0 co_producers"
  });

  it('writes no initials into marks too small for them', () => {
    const d = drawCircle(people({ participants: 200 }));
    expect(d.showInitials).toBe(false);
    expect(new Set(d.marks.map((m) => m.initials))).toEqual(new Set(['']));
  });

  it('keeps everyone in one ring evenly spaced', () => {
    const d = drawCircle(people({ consulted: 4 }));
    const angles = d.marks.map((m) => Math.atan2(m.y - d.centre, m.x - d.centre));
    const gaps = angles.slice(1).map((a, i) => (a - (angles[i] ?? 0) + 2 * Math.PI) % (2 * Math.PI));
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(0.01);
  });
});

describe('initials', () => {
  it.each([
    ['Amina Patel', 'AP'], ['Jo', 'J'], ['Mary-Jane van Dijk', 'MD'], ['  giulia   bianchi ', 'GB'], ['Ōta Ken', 'ŌK'], ['', ''],
  ])('%s -> %s', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });

  it('never draws half a character: names with emoji or symbols give whole-letter initials (#12 "Z\uFFFD")', () => {
    expect(initials('Zoë 🌻')).toBe('Z');
    expect(initials('Zara Okafor😀')).toBe('ZO');
    expect(initials('😀 Ben')).toBe('B');
    expect(initials('🌻🌻')).toBe('');
    expect(initials('Ángel Ölz')).toBe('ÁÖ');
    for (const name of ['Zoë 🌻', 'Zara Okafor😀', '👩🏽‍🦱 Mo']) expect(initials(name)).not.toMatch(/[\uD800-\uDFFF]/u);
  });
});
