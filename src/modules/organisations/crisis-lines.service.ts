import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AuditWriter } from '../../shared/audit.js';
import type { Clock } from '../../shared/clock.js';
import { CRISIS_SUPPORT, crisisCountryFor, defaultHelpLines, isCrisisCountry, type CrisisCountry, type CrisisLine, type HelpLine } from '../../shared/crisis-lines.js';
import { forbidden, notFound, ok, type Result } from '../../shared/result.js';
import * as repo from './crisis-lines.repository.js';
import { can } from './organisations.permissions.js';

export interface CrisisLinesDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditWriter;
}

/** What the "Get help now" page shows. */
export interface HelpPage {
  readonly country: CrisisCountry;
  /** Always first and prominent; it follows the country and is not edited. */
  readonly emergency: CrisisLine;
  readonly lines: readonly HelpLine[];
  /** The day (YYYY-MM-DD) the lines shown were last checked. */
  readonly checkedOn: string;
  /** The organisation whose page it is, when known (signed in, or named in the link). */
  readonly organisation: { readonly id: string; readonly name: string; readonly crisisText: string | null } | null;
}

export interface CrisisLinesEditor {
  readonly organisationId: string;
  readonly country: CrisisCountry;
  readonly emergency: CrisisLine;
  /** False while the organisation shows its country's defaults. */
  readonly own: boolean;
  readonly lines: readonly HelpLine[];
  readonly checkedOn: string;
  /** Who last checked them: null for the defaults, '' for someone who has since removed their profile. */
  readonly checkedByName: string | null;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function countryOf(owner: repo.CrisisLinesOwner): CrisisCountry {
  return isCrisisCountry(owner.country) ? owner.country : 'GB';
}

/** Today's date where the organisation is. */
function today(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * An organisation's crisis lines (issue #11, item 14): its country's defaults until an admin changes them; then its
 * own, with the day they were last checked and who checked them. The emergency number follows the country.
 */
export function createCrisisLinesService({ db, clock, audit }: CrisisLinesDeps) {
  const now = () => clock.now().toISOString();

  async function adminOwner(actor: Actor): Promise<Result<repo.CrisisLinesOwner>> {
    if (!can(actor, 'edit_settings')) return forbidden();
    const owner = await repo.findOwner(db, actor.organisationId);
    return owner === undefined ? notFound() : ok(owner);
  }

  /** Copy the country's defaults so they can be changed one by one (nothing happens if the organisation has its own). */
  async function startFromDefaults(trx: repo.Db, owner: repo.CrisisLinesOwner, at: string): Promise<void> {
    if (owner.checkedOn !== null) return;
    const country = countryOf(owner);
    for (const line of defaultHelpLines(country)) {
      await repo.insertLine(trx, owner.id, { defaultId: line.defaultId, name: line.name, purpose: null, reach: line.reach, number: line.number, instruction: null, hours: null }, at);
    }
    await repo.setChecked(trx, owner.id, CRISIS_SUPPORT[country].checkedOn, null, at);
  }

  /**
   * Every change is a check: the day and who are recorded, and the audit says what was done (never the words).
   * Adding a line or marking them checked starts from the defaults; changing or removing one needs the organisation's
   * own lines (the defaults have no ids to change), so it finds nothing until there are some.
   */
  async function change(actor: Actor, action: string, work: (trx: repo.Db, owner: repo.CrisisLinesOwner, at: string) => Promise<boolean>, needsOwn = false): Promise<Result<null>> {
    const found = await adminOwner(actor);
    if (!found.ok) return found;
    const owner = found.value;
    if (needsOwn && owner.checkedOn === null) return notFound();
    const done = await db.transaction().execute(async (trx) => {
      const at = now();
      await startFromDefaults(trx, owner, at);
      if (!(await work(trx, owner, at))) return false;
      await repo.setChecked(trx, owner.id, today(clock.now(), owner.timeZone), actor.personId, at);
      await audit.record(trx, { organisationId: owner.id, actorAccountId: actor.accountId, action, subjectType: 'organisation', subjectId: owner.id });
      return true;
    });
    return done ? ok(null) : notFound();
  }

  return {
    async forPage(input: { organisationId: string | null; chosenCountry: unknown; language: string }): Promise<HelpPage> {
      const owner = input.organisationId !== null && ID.test(input.organisationId) ? await repo.findOwner(db, input.organisationId) : undefined;
      const country = crisisCountryFor(input.chosenCountry, owner?.country, input.language);
      const organisation = owner === undefined ? null : { id: owner.id, name: owner.name, crisisText: owner.crisisText };
      const { emergency } = CRISIS_SUPPORT[country];
      if (owner !== undefined && owner.checkedOn !== null && owner.country === country) {
        return { country, emergency, lines: await repo.listLines(db, owner.id), checkedOn: owner.checkedOn, organisation };
      }
      return { country, emergency, lines: defaultHelpLines(country), checkedOn: CRISIS_SUPPORT[country].checkedOn, organisation };
    },

    async editor(actor: Actor): Promise<Result<CrisisLinesEditor>> {
      const found = await adminOwner(actor);
      if (!found.ok) return found;
      const owner = found.value;
      const country = countryOf(owner);
      const own = owner.checkedOn !== null;
      return ok({
        organisationId: owner.id, country, emergency: CRISIS_SUPPORT[country].emergency, own,
        lines: own ? await repo.listLines(db, owner.id) : defaultHelpLines(country),
        checkedOn: owner.checkedOn ?? CRISIS_SUPPORT[country].checkedOn,
        checkedByName: owner.checkedById === null ? null : (owner.checkedByName ?? ''),
      });
    },

    /** One of the organisation's own lines, to change. */
    async findLine(actor: Actor, lineId: string): Promise<Result<HelpLine>> {
      const found = await adminOwner(actor);
      if (!found.ok) return found;
      const line = ID.test(lineId) ? await repo.findLine(db, actor.organisationId, lineId) : undefined;
      return line === undefined ? notFound() : ok(line);
    },

    /** Make the country's defaults the organisation's own, ready to change (the day they were checked stays). */
    async startOwn(actor: Actor): Promise<Result<null>> {
      const found = await adminOwner(actor);
      if (!found.ok) return found;
      if (found.value.checkedOn !== null) return ok(null);
      await db.transaction().execute(async (trx) => {
        await startFromDefaults(trx, found.value, now());
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'crisis_lines.started_from_defaults', subjectType: 'organisation', subjectId: actor.organisationId });
      });
      return ok(null);
    },

    add: (actor: Actor, input: repo.CrisisLineInput) =>
      change(actor, 'crisis_lines.line_added', async (trx, owner, at) => {
        await repo.insertLine(trx, owner.id, { ...input, defaultId: null }, at);
        return true;
      }),

    update: (actor: Actor, lineId: string, input: repo.CrisisLineInput) =>
      ID.test(lineId) ? change(actor, 'crisis_lines.line_changed', (trx, owner, at) => repo.updateLine(trx, owner.id, lineId, input, at), true) : Promise.resolve(notFound<null>()),

    remove: (actor: Actor, lineId: string) =>
      ID.test(lineId) ? change(actor, 'crisis_lines.line_removed', (trx, owner) => repo.deleteLine(trx, owner.id, lineId), true) : Promise.resolve(notFound<null>()),

    /** An admin has checked every line against the services' own details today. */
    markChecked: (actor: Actor) => change(actor, 'crisis_lines.checked', async () => true),

    /** Back to the country's defaults: the organisation's own lines are deleted. */
    async reset(actor: Actor): Promise<Result<null>> {
      const found = await adminOwner(actor);
      if (!found.ok) return found;
      await db.transaction().execute(async (trx) => {
        await repo.deleteAllLines(trx, actor.organisationId);
        await repo.setChecked(trx, actor.organisationId, null, null, now());
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'crisis_lines.reset_to_defaults', subjectType: 'organisation', subjectId: actor.organisationId });
      });
      return ok(null);
    },
  };
}

export type CrisisLinesService = ReturnType<typeof createCrisisLinesService>;
