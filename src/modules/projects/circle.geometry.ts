import { CIRCLES, type Circle } from './projects.registry.js';

/**
 * Where each person sits in the Circle of Support drawing: four concentric rings, co-producers at the centre.
 * Pure, so it is tested without a browser; the page draws what this returns as SVG.
 */

export interface GeometryPerson {
  readonly id: string;
  readonly name: string;
  readonly circle: Circle;
}

export interface Ring {
  readonly circle: Circle;
  readonly number: number;
  readonly inner: number;
  readonly outer: number;
  /** Where the ring's number is written (at the top of the ring, where no mark is placed). */
  readonly labelX: number;
  readonly labelY: number;
}

export interface Mark {
  readonly id: string;
  readonly name: string;
  readonly circle: Circle;
  /** Empty when the marks are too small to write initials in. */
  readonly initials: string;
  readonly x: number;
  readonly y: number;
}

export interface CircleDrawing {
  readonly size: number;
  readonly centre: number;
  readonly rings: readonly Ring[];
  readonly marks: readonly Mark[];
  /** One radius for every mark, as large as lets everyone fit without overlapping. */
  readonly markRadius: number;
  /** Initials are written inside marks only when they are big enough to read. */
  readonly showInitials: boolean;
}

export const DRAWING_SIZE = 640;
const PADDING = 10;
const GAP = 3;
const RING_PAD = 3;
const LABEL_HALF_WIDTH = 11;
const MARK_RADII = [16, 13, 10, 8, 6, 5, 4, 3, 2] as const;
const MIN_RADIUS_FOR_INITIALS = 10;

/**
 * "Amina Patel" -> "AP", "Jo" -> "J", "Mary-Jane van Dijk" -> "MD". Initials are whole letters (or digits): an emoji
 * or a word of symbols is skipped, so no half of a character is ever drawn.
 */
export function initials(name: string): string {
  const letters = name
    .trim()
    .split(/\s+/u)
    .map((word) => /[\p{L}\p{N}]/u.exec(word)?.[0])
    .filter((ch): ch is string => ch !== undefined);
  const first = letters[0] ?? '';
  const last = letters.length > 1 ? (letters[letters.length - 1] ?? '') : '';
  return `${first}${last}`.toLocaleUpperCase();
}

interface Lane {
  readonly radius: number;
  readonly capacity: number;
  /** Angle (radians either side of straight up) kept free for the ring's number. */
  readonly labelWindow: number;
}

function lanes(inner: number, outer: number, r: number): Lane[] {
  const step = 2 * r + GAP;
  const out: Lane[] = [];
  const first = inner + RING_PAD + r;
  const last = outer - RING_PAD - r;
  for (let radius = first; radius <= last + 1e-9; radius += step) {
    const labelWindow = Math.min(Math.PI, (LABEL_HALF_WIDTH + r + GAP) / Math.max(radius, 1e-9));
    const arc = (2 * Math.PI - 2 * labelWindow) * radius;
    // Neighbours on a lane are a chord apart, which is shorter than the arc: size the chord, not the arc.
    const capacity = radius < step ? 0 : Math.max(0, Math.floor(arc / step + 1e-9));
    out.push({ radius, capacity, labelWindow });
  }
  return out;
}

function capacityOf(inner: number, outer: number, r: number): number {
  // The very centre holds one person when the ring starts at the centre.
  return lanes(inner, outer, r).reduce((sum, lane) => sum + lane.capacity, 0) + (inner === 0 ? 1 : 0);
}

/** Share `n` people between lanes in proportion to how many each holds, never more than it holds. */
function share(n: number, capacities: readonly number[]): number[] {
  const total = capacities.reduce((a, b) => a + b, 0);
  if (total === 0) return capacities.map(() => 0);
  const counts = capacities.map((c) => Math.min(c, Math.floor((n * c) / total)));
  let left = n - counts.reduce((a, b) => a + b, 0);
  // Hand out the rest to lanes with room, outermost (longest) first.
  for (let i = capacities.length - 1; left > 0; i = i === 0 ? capacities.length - 1 : i - 1) {
    if ((counts[i] ?? 0) < (capacities[i] ?? 0)) {
      counts[i] = (counts[i] ?? 0) + 1;
      left -= 1;
    }
    if (capacities.every((c, j) => (counts[j] ?? 0) >= c)) break;
  }
  return counts;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Where the marks of one ring go, in the order its people are placed. */
type Slot = readonly [x: number, y: number];

interface Layout {
  readonly rings: readonly Ring[];
  readonly slots: readonly (readonly Slot[])[];
  readonly markRadius: number;
}

/**
 * The rings and every mark's place for a given number of people in each circle. It depends on the four counts only,
 * so it is worked out once per set of counts (a page of 200 people would otherwise redo it on every view).
 */
function layoutFor(counts: readonly number[], size: number): Layout {
  const key = `${String(size)}:${counts.join(',')}`;
  let layout = layouts.get(key);
  if (layout === undefined) {
    layout = computeLayout(counts, size);
    if (layouts.size >= MAX_LAYOUTS) layouts.clear();
    layouts.set(key, layout);
  }
  return layout;
}

const MAX_LAYOUTS = 500;
const layouts = new Map<string, Layout>();

function computeLayout(counts: readonly number[], size: number): Layout {
  const centre = size / 2;
  const radius = centre - PADDING;
  const band = radius / CIRCLES.length;
  const groups = CIRCLES.map((circle, index) => ({ circle, inner: index * band, outer: (index + 1) * band, n: counts[index] ?? 0 }));

  const markRadius =
    MARK_RADII.find((r) => groups.every((g) => g.n <= capacityOf(g.inner, g.outer, r))) ?? MARK_RADII[MARK_RADII.length - 1] ?? 2;

  const rings: Ring[] = [];
  const slots: Slot[][] = [];
  groups.forEach((g, index) => {
    const mid = (g.inner + g.outer) / 2;
    rings.push({ circle: g.circle, number: index + 1, inner: round(g.inner), outer: round(g.outer), labelX: centre, labelY: round(centre - mid) });
    const here: Slot[] = [];
    slots.push(here);
    const n = g.n;
    if (n === 0) return;
    const place = (x: number, y: number) => here.push([round(x), round(y)]);

    let queued = n;
    if (g.inner === 0 && (n === 1 || n > capacityOf(g.inner, g.outer, markRadius) - 1)) {
      place(centre, centre);
      queued -= 1;
    }
    const all = lanes(g.inner, g.outer, markRadius);
    // Few people: one lane in the middle of the ring looks calmer than the innermost lane.
    const middle = all.reduce((best, lane) => (Math.abs(lane.radius - mid) < Math.abs(best.radius - mid) ? lane : best), all[0] ?? { radius: mid, capacity: 0, labelWindow: 0 });
    const useLanes = queued <= middle.capacity ? [middle] : all;
    const shares = share(queued, useLanes.map((l) => l.capacity));
    let placed = 0;
    useLanes.forEach((lane, laneIndex) => {
      const k = shares[laneIndex] ?? 0;
      if (k === 0) return;
      const span = 2 * Math.PI - 2 * lane.labelWindow;
      const step = span / k;
      // Start just past the label window at the top, going clockwise; stagger alternate lanes.
      const start = -Math.PI / 2 + lane.labelWindow + step / 2 + (laneIndex % 2 === 1 ? step / 4 : 0) * (k > 1 ? 1 : 0);
      for (let i = 0; i < k && placed < queued; i += 1) {
        placed += 1;
        const angle = start + i * step;
        place(centre + lane.radius * Math.cos(angle), centre + lane.radius * Math.sin(angle));
      }
    });
  });
  return { rings, slots, markRadius };
}

export function drawCircle(people: readonly GeometryPerson[], size = DRAWING_SIZE): CircleDrawing {
  const counts = CIRCLES.map(() => 0);
  for (const person of people) {
    const index = CIRCLES.indexOf(person.circle);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  const { rings, slots, markRadius } = layoutFor(counts, size);
  const showInitials = markRadius >= MIN_RADIUS_FOR_INITIALS;
  const marks: Mark[] = [];
  CIRCLES.forEach((circle, index) => {
    const here = slots[index] ?? [];
    let next = 0;
    for (const person of people) {
      if (person.circle !== circle) continue;
      const slot = here[next];
      next += 1;
      if (slot === undefined) break;
      marks.push({ id: person.id, name: person.name, circle, initials: showInitials ? initials(person.name) : '', x: slot[0], y: slot[1] });
    }
  });
  return { size, centre: size / 2, rings, marks, markRadius, showInitials };
}
