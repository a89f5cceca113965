import type { BalanceGroup, BalanceKind } from './meetings.registry.js';
import type { Db } from './meetings.repository.js';

export interface RawContribution {
  readonly kind: BalanceKind;
  readonly personId: string;
  readonly at: string;
}

/** Everything raised in the project, by whom and when: four small queries, whatever the project's size. */
export async function listContributions(db: Db, org: string, projectId: string): Promise<RawContribution[]> {
  const [agenda, cards, proposals] = await Promise.all([
    db
      .selectFrom('agenda_items as a')
      .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
      .select(['a.raised_by as person', 'a.created_at as at'])
      .where('a.organisation_id', '=', org)
      .where('m.organisation_id', '=', org)
      .where('m.project_id', '=', projectId)
      .where('a.card_id', 'is', null)
      .where('a.raised_by', 'is not', null)
      .execute(),
    db.selectFrom('opportunity_cards').select(['author_id as person', 'created_at as at']).where('organisation_id', '=', org).where('project_id', '=', projectId).where('author_id', 'is not', null).execute(),
    db.selectFrom('proposals').select(['raised_by as person', 'created_at as at', 'status', 'decided_at']).where('organisation_id', '=', org).where('project_id', '=', projectId).where('raised_by', 'is not', null).execute(),
  ]);
  const out: RawContribution[] = [];
  for (const r of agenda) out.push({ kind: 'agenda_items', personId: r.person ?? '', at: r.at });
  for (const r of cards) out.push({ kind: 'cards', personId: r.person ?? '', at: r.at });
  for (const r of proposals) {
    out.push({ kind: 'proposals', personId: r.person ?? '', at: r.at });
    if (r.status === 'passed' && r.decided_at !== null) out.push({ kind: 'decisions', personId: r.person ?? '', at: r.decided_at });
  }
  return out;
}

/** The perspectives of everyone in the circle now, for the two groups compared (never shown per person). */
export async function circlePerspectives(db: Db, org: string, projectId: string, groups: readonly BalanceGroup[]): Promise<Map<string, Set<BalanceGroup>>> {
  const rows = await db
    .selectFrom('person_perspectives as pp')
    .innerJoin('circle_members as cm', (j) => j.onRef('cm.person_id', '=', 'pp.person_id').on('cm.organisation_id', '=', org).on('cm.project_id', '=', projectId).on('cm.left_at', 'is', null))
    .select(['pp.person_id', 'pp.perspective'])
    .where('pp.organisation_id', '=', org)
    .where('pp.perspective', 'in', [...groups])
    .execute();
  const map = new Map<string, Set<BalanceGroup>>();
  for (const r of rows) {
    const set = map.get(r.person_id) ?? new Set<BalanceGroup>();
    set.add(r.perspective as BalanceGroup);
    map.set(r.person_id, set);
  }
  return map;
}
