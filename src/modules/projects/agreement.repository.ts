import { fromDbBool, newId, toDbBool } from '../../db/portable.js';
import type { EqualDeliveryAnswer } from './projects.registry.js';
import { personRef, type Db, type PersonRef } from './projects.repository.js';

export interface Agreement {
  readonly power: string | null;
  readonly responsibilities: string | null;
  readonly support: string | null;
  readonly equalDelivery: EqualDeliveryAnswer | null;
  readonly equalDeliveryNote: string | null;
  readonly version: number;
  readonly updatedBy: PersonRef;
  readonly updatedAt: string;
}

export async function findAgreement(db: Db, organisationId: string, projectId: string): Promise<Agreement | undefined> {
  const row = await db
    .selectFrom('project_agreements as a')
    .leftJoin('people as p', 'p.id', 'a.updated_by')
    .select(['a.power', 'a.responsibilities', 'a.support', 'a.equal_delivery', 'a.equal_delivery_note', 'a.version', 'a.updated_by', 'a.updated_at', 'p.display_name', 'p.archived_at'])
    .where('a.organisation_id', '=', organisationId)
    .where('a.project_id', '=', projectId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    power: row.power, responsibilities: row.responsibilities, support: row.support, equalDelivery: row.equal_delivery,
    equalDeliveryNote: row.equal_delivery_note, version: row.version, updatedBy: personRef(row.updated_by, row.display_name, row.archived_at), updatedAt: row.updated_at,
  };
}

export interface AgreementValues {
  readonly power: string | null;
  readonly responsibilities: string | null;
  readonly support: string | null;
  readonly equalDelivery: EqualDeliveryAnswer;
  readonly equalDeliveryNote: string | null;
}

/** Save the answers; each save is a new version, so earlier agreements to it show as such. */
export async function saveAgreement(db: Db, organisationId: string, projectId: string, input: AgreementValues & { by: string; now: string }): Promise<number> {
  const existing = await db
    .selectFrom('project_agreements')
    .select(['id', 'version'])
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  const values = {
    power: input.power, responsibilities: input.responsibilities, support: input.support, equal_delivery: input.equalDelivery,
    equal_delivery_note: input.equalDeliveryNote, updated_by: input.by, updated_at: input.now,
  };
  if (existing === undefined) {
    await db.insertInto('project_agreements').values({ id: newId(), organisation_id: organisationId, project_id: projectId, version: 1, created_at: input.now, ...values }).execute();
    return 1;
  }
  const version = existing.version + 1;
  await db.updateTable('project_agreements').set({ ...values, version }).where('organisation_id', '=', organisationId).where('id', '=', existing.id).execute();
  return version;
}

export interface AgreementResponse {
  readonly person: PersonRef;
  readonly personId: string;
  readonly agrees: boolean;
  readonly comment: string | null;
  readonly version: number;
  readonly at: string;
}

export async function listResponses(db: Db, organisationId: string, projectId: string): Promise<AgreementResponse[]> {
  const rows = await db
    .selectFrom('agreement_responses as r')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'r.agrees', 'r.comment', 'r.agreement_version', 'r.updated_at', 'p.display_name', 'p.archived_at'])
    .where('r.organisation_id', '=', organisationId)
    .where('r.project_id', '=', projectId)
    .orderBy('p.display_name')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    person: personRef(r.person_id, r.display_name, r.archived_at), personId: r.person_id, agrees: fromDbBool(r.agrees),
    comment: r.comment, version: r.agreement_version, at: r.updated_at,
  }));
}

export async function saveResponse(db: Db, organisationId: string, input: { projectId: string; personId: string; agrees: boolean; comment: string | null; version: number; now: string }): Promise<void> {
  await db
    .insertInto('agreement_responses')
    .values({
      id: newId(), organisation_id: organisationId, project_id: input.projectId, person_id: input.personId, agrees: toDbBool(input.agrees),
      comment: input.comment, agreement_version: input.version, created_at: input.now, updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'project_id', 'person_id']).doUpdateSet({ agrees: toDbBool(input.agrees), comment: input.comment, agreement_version: input.version, updated_at: input.now }),
    )
    .execute();
}
