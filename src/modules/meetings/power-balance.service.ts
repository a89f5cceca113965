import type { Actor } from '../../shared/actor.js';
import { notFound, ok, type Result } from '../../shared/result.js';
import { openProjectCtx, type ProjectCtx } from './meetings.access.js';
import { BALANCE_GROUPS, type BalanceGroup } from './meetings.registry.js';
import { organisationTimeZone } from './meetings.repository.js';
import { monthIn } from './meetings.time.js';
import { balanceOf, chartPoints, type Balance, type ChartPoint, type Contribution } from './power-balance.rules.js';
import { circlePerspectives, listContributions } from './power-balance.repository.js';
import type { MeetingsServiceDeps } from './meetings.service.js';

export const CHART = { width: 640, height: 280, padding: 60 } as const;

export interface BalancePage extends ProjectCtx {
  readonly balance: Balance;
  readonly points: readonly ChartPoint[];
}

/**
 * Who raises things in the project, by perspective: shown only in aggregate, only when each group has at least three
 * people in the circle. Someone who holds both perspectives counts in both groups.
 */
export function createPowerBalanceService({ db }: MeetingsServiceDeps) {
  return {
    async page(actor: Actor, projectId: string): Promise<Result<BalancePage>> {
      const ctx = await openProjectCtx(db, actor, projectId);
      if (ctx === undefined) return notFound();
      const org = actor.organisationId;
      const [perspectives, raw, timeZone] = await Promise.all([circlePerspectives(db, org, projectId, BALANCE_GROUPS), listContributions(db, org, projectId), organisationTimeZone(db, org)]);
      const sizes: Record<BalanceGroup, number> = { lived_experience: 0, professional_staff: 0 };
      for (const groups of perspectives.values()) for (const g of groups) sizes[g] += 1;
      const contributions: Contribution[] = [];
      for (const c of raw) {
        for (const group of perspectives.get(c.personId) ?? []) contributions.push({ kind: c.kind, month: monthIn(c.at, timeZone), group });
      }
      const balance = balanceOf(contributions, sizes);
      return ok({ ...ctx, balance, points: balance.shown ? chartPoints(balance.rows, CHART.width, CHART.height, CHART.padding) : [] });
    },
  };
}
