import { BALANCE_GROUPS, BALANCE_KINDS, MIN_GROUP_SIZE, type BalanceGroup, type BalanceKind } from './meetings.registry.js';

/** One thing raised (an agenda item, a card, a proposal or a decision) by someone in one of the groups. */
export interface Contribution {
  readonly kind: BalanceKind;
  /** YYYY-MM. */
  readonly month: string;
  readonly group: BalanceGroup;
}

export interface BalanceRow {
  readonly month: string;
  readonly kind: BalanceKind;
  readonly counts: Readonly<Record<BalanceGroup, number>>;
  /** Lived experience's share of the two groups' total, 0-100, or null when nothing was raised. */
  readonly livedShare: number | null;
}

export type Balance =
  | { readonly shown: false; readonly reason: 'too_few_people'; readonly groupSizes: null }
  | { readonly shown: true; readonly rows: readonly BalanceRow[]; readonly totals: readonly BalanceRow[]; readonly groupSizes: Readonly<Record<BalanceGroup, number>> };

/**
 * Only in aggregate, and only when each group has at least MIN_GROUP_SIZE people: otherwise a share could point at
 * one person, and nothing at all is shown (not even the group sizes).
 */
export function canShowBalance(groupSizes: Readonly<Record<BalanceGroup, number>>, minimum = MIN_GROUP_SIZE): boolean {
  return BALANCE_GROUPS.every((group) => groupSizes[group] >= minimum);
}

function row(month: string, kind: BalanceKind, counts: Record<BalanceGroup, number>): BalanceRow {
  const total = counts.lived_experience + counts.professional_staff;
  return { month, kind, counts, livedShare: total === 0 ? null : Math.round((counts.lived_experience / total) * 100) };
}

/** Month by month and kind by kind, the counts and lived experience's share; months in order. */
export function balanceOf(contributions: readonly Contribution[], groupSizes: Readonly<Record<BalanceGroup, number>>): Balance {
  if (!canShowBalance(groupSizes)) return { shown: false, reason: 'too_few_people', groupSizes: null };
  const byKey = new Map<string, Record<BalanceGroup, number>>();
  const months = new Set<string>();
  for (const c of contributions) {
    months.add(c.month);
    const key = `${c.month}|${c.kind}`;
    const counts = byKey.get(key) ?? { lived_experience: 0, professional_staff: 0 };
    counts[c.group] += 1;
    byKey.set(key, counts);
  }
  const rows: BalanceRow[] = [];
  for (const month of [...months].sort()) {
    for (const kind of BALANCE_KINDS) rows.push(row(month, kind, byKey.get(`${month}|${kind}`) ?? { lived_experience: 0, professional_staff: 0 }));
  }
  const totals = BALANCE_KINDS.map((kind) => {
    const counts = { lived_experience: 0, professional_staff: 0 };
    for (const r of rows.filter((x) => x.kind === kind)) {
      counts.lived_experience += r.counts.lived_experience;
      counts.professional_staff += r.counts.professional_staff;
    }
    return row('all', kind, counts);
  });
  return { shown: true, rows, totals, groupSizes };
}

export interface ChartPoint {
  readonly month: string;
  readonly x: number;
  readonly y: number;
  readonly share: number;
}

/** Lived experience's share of everything raised each month, as points on a chart of the given size. */
export function chartPoints(rows: readonly BalanceRow[], width: number, height: number, padding = 40): ChartPoint[] {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const points: ChartPoint[] = [];
  const step = months.length > 1 ? (width - padding * 2) / (months.length - 1) : 0;
  months.forEach((month, index) => {
    let lived = 0;
    let total = 0;
    for (const r of rows.filter((x) => x.month === month)) {
      lived += r.counts.lived_experience;
      total += r.counts.lived_experience + r.counts.professional_staff;
    }
    if (total === 0) return;
    const share = Math.round((lived / total) * 100);
    points.push({ month, share, x: Math.round(padding + index * step), y: Math.round(height - padding - (share / 100) * (height - padding * 2)) });
  });
  return points;
}
