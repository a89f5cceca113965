/** The organisation's one-page profile template: age and picture on or off, headings renamed or added. */
import type { Actor } from '../../shared/actor.js';
import { forbidden, invalid, notFound, ok, type Result } from '../../shared/result.js';
import type { TemplateInput } from './people.forms.js';
import { canEditTemplate } from './people.permissions.js';
import { BUILTIN_HEADING_KEYS, MAX_EXTRA_HEADINGS } from './people.registry.js';
import type { Access, Heading, PeopleServiceDeps } from './people.access.js';
import { plausibleId } from './people.access.js';
import * as profileRepo from './people-profile.repository.js';
import * as repo from './people.repository.js';

export interface Template {
  readonly settings: repo.ProfileSettings;
  readonly headings: readonly Heading[];
  readonly extras: readonly Heading[];
  readonly canAddMore: boolean;
}

export function templateUseCases({ db, clock, audit }: PeopleServiceDeps, access: Access) {
  const now = () => clock.now().toISOString();
  const record = (actor: Actor, detail: Record<string, string | number | boolean>) =>
    audit.record(db, {
      organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'organisation.profile_template_changed',
      subjectType: 'organisation', subjectId: actor.organisationId, detail,
    });

  return {
    async template(actor: Actor): Promise<Result<Template>> {
      if (!canEditTemplate(actor)) return forbidden();
      const [settings, headings] = await Promise.all([repo.findSettings(db, actor.organisationId), access.headings(actor.organisationId)]);
      const extras = headings.filter((h) => !h.builtin);
      return ok({ settings, headings, extras, canAddMore: extras.length < MAX_EXTRA_HEADINGS });
    },

    async updateTemplate(actor: Actor, input: TemplateInput): Promise<Result<null>> {
      if (!canEditTemplate(actor)) return forbidden();
      const rows = await profileRepo.listHeadingRows(db, actor.organisationId);
      await db.transaction().execute(async (trx) => {
        const at = now();
        await repo.updateSettings(trx, actor.organisationId, { ageEnabled: input.ageEnabled, pictureEnabled: input.pictureEnabled }, at);
        for (const [index, key] of BUILTIN_HEADING_KEYS.entries()) {
          const label = input[`heading-${key}`] ?? '';
          const existing = rows.find((row) => row.builtinKey === key);
          // An empty label brings back the toolkit's wording; no row is needed until a heading is first renamed.
          if (existing !== undefined || label !== '') await profileRepo.saveBuiltinLabel(trx, actor.organisationId, key, label, index, at);
        }
      });
      await record(actor, { ageEnabled: input.ageEnabled, pictureEnabled: input.pictureEnabled });
      return ok(null);
    },

    async addHeading(actor: Actor, label: string): Promise<Result<null>> {
      if (!canEditTemplate(actor)) return forbidden();
      const rows = await profileRepo.listHeadingRows(db, actor.organisationId);
      if (rows.filter((row) => row.builtinKey === null).length >= MAX_EXTRA_HEADINGS) return invalid({ label: 'errors.people.heading_too_many' });
      const position = Math.max(BUILTIN_HEADING_KEYS.length, (await profileRepo.maxHeadingPosition(db, actor.organisationId)) + 1);
      await profileRepo.insertExtraHeading(db, actor.organisationId, label, position, now());
      await record(actor, { headingAdded: true });
      return ok(null);
    },

    async removeHeading(actor: Actor, headingId: string): Promise<Result<null>> {
      if (!canEditTemplate(actor)) return forbidden();
      if (!plausibleId(headingId)) return notFound();
      const removed = await profileRepo.archiveExtraHeading(db, actor.organisationId, headingId, now());
      if (!removed) return notFound();
      await record(actor, { headingRemoved: true });
      return ok(null);
    },
  };
}
