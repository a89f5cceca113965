/** The edit pages: one short form per part of the profile, the same for everyone. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { csvList, fieldError, formValues, parseForm, type ParseResult } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { aboutForm, answerField, parseAnswers, strengthForm, takingPartForm, visibilityForm } from './people.forms.js';
import { ACCESS_NEEDS, LIMITS, PARTICIPATION_WAYS, PERSPECTIVES, PROFILE_VISIBILITY } from './people.registry.js';
import type { EditContext } from './people-profile.service.js';
import type { Heading } from './people.access.js';
import { notFoundPage, type PersonParams } from './people.handlers.js';

type Request = FastifyRequest<{ Params: PersonParams }>;
type StrengthParams = PersonParams & { strengthId: string };

export type EditSection = 'about' | 'profile' | 'strengths' | 'taking-part' | 'visibility';

const TEMPLATES: Record<EditSection, string> = {
  about: 'people/views/edit-about.njk',
  profile: 'people/views/edit-answers.njk',
  strengths: 'people/views/edit-strengths.njk',
  'taking-part': 'people/views/edit-taking-part.njk',
  visibility: 'people/views/edit-visibility.njk',
};

type Failed = Extract<ParseResult<never>, { ok: false }>;

export function headingLabel(heading: Heading, t: (key: string) => string): string {
  return heading.customLabel ?? t(heading.labelKey ?? '');
}

/** What the form shows before anything is typed: what is saved now. */
function savedValues(section: EditSection, context: EditContext): Record<string, string | string[]> {
  const p = context.person;
  switch (section) {
    case 'about':
      return { displayName: p.displayName, knownAs: p.knownAs ?? '', pronouns: p.pronouns ?? '', age: p.ageText ?? '' };
    case 'profile':
      return Object.fromEntries(context.headings.map((h) => [answerField(h.key), context.answers[h.key] ?? '']));
    case 'strengths':
      return { kind: 'offer' };
    case 'taking-part':
      return {
        perspectives: [...(p.perspectives ?? [])],
        perspectiveDescription: p.perspectiveDescription ?? '',
        participationWays: [...p.participationWays],
        accessNeeds: [...(p.accessNeeds ?? [])],
        accessNeedsOther: p.accessNeedsOther ?? '',
      };
    case 'visibility':
      return { visibility: p.visibility ?? 'organisation' };
  }
}

export function createEditHandlers(services: Services) {
  const { people } = services;

  async function render(request: Request, reply: FastifyReply, section: EditSection | 'overview', failed?: Failed) {
    const result = await people.editContext(actorOf(request), request.params.personId);
    if (!result.ok) return notFoundPage(reply);
    const context = result.value;
    const common = {
      ...context,
      section,
      limits: LIMITS,
      perspectiveOptions: PERSPECTIVES,
      participationOptions: PARTICIPATION_WAYS,
      accessNeedOptions: ACCESS_NEEDS,
      visibilityOptions: PROFILE_VISIBILITY,
      headingLabels: Object.fromEntries(context.headings.map((h) => [h.key, headingLabel(h, request.t)])),
      answerField,
    };
    if (section === 'overview') return reply.page('people/views/edit.njk', common);
    if (failed === undefined) return reply.page(TEMPLATES[section], { ...common, values: savedValues(section, context) });
    // A single ticked box arrives as a string: the checkboxes want a list either way.
    const values = section === 'taking-part'
      ? { ...failed.values, perspectives: csvList(failed.values['perspectives']), participationWays: csvList(failed.values['participationWays']), accessNeeds: csvList(failed.values['accessNeeds']) }
      : failed.values;
    return reply.page(TEMPLATES[section], { ...common, ...failed, values }, 422);
  }

  function saved(request: Request, reply: FastifyReply) {
    reply.flash('flash.profile_saved');
    return reply.redirect(`/people/${request.params.personId}/edit`, 303);
  }

  return {
    overview: async (request: Request, reply: FastifyReply) => render(request, reply, 'overview'),
    page: (section: EditSection) => async (request: Request, reply: FastifyReply) => render(request, reply, section),

    saveAbout: async (request: Request, reply: FastifyReply) => {
      const actor = actorOf(request);
      const context = await people.editContext(actor, request.params.personId);
      if (!context.ok) return notFoundPage(reply);
      const form = aboutForm(context.value.settings.ageEnabled);
      const parsed = parseForm(form.schema, request.body, form.order, request.t);
      if (!parsed.ok) return render(request, reply, 'about', parsed);
      const result = await people.updateAbout(actor, request.params.personId, parsed.value);
      return result.ok ? saved(request, reply) : notFoundPage(reply);
    },

    saveAnswers: async (request: Request, reply: FastifyReply) => {
      const actor = actorOf(request);
      const headings = await people.headings(actor.organisationId);
      const parsed = parseAnswers(headings.map((h) => ({ key: h.key, label: headingLabel(h, request.t) })), request.body, request.t);
      if (!parsed.ok) return render(request, reply, 'profile', parsed);
      const result = await people.updateAnswers(actor, request.params.personId, parsed.value);
      return result.ok ? saved(request, reply) : notFoundPage(reply);
    },

    addStrength: async (request: Request, reply: FastifyReply) => {
      const parsed = parseForm(strengthForm.schema, request.body, strengthForm.order, request.t);
      if (!parsed.ok) return render(request, reply, 'strengths', parsed);
      const result = await people.addStrength(actorOf(request), request.params.personId, parsed.value);
      if (!result.ok) {
        if (result.kind !== 'invalid') return notFoundPage(reply);
        const [field = 'label', key = 'errors.form.check_answer'] = Object.entries(result.errors)[0] ?? [];
        return render(request, reply, 'strengths', fieldError(field, key, request.t, formValues(request.body)));
      }
      reply.flash('flash.strength_added', { label: result.value.label });
      return reply.redirect(`/people/${request.params.personId}/edit/strengths`, 303);
    },

    removeStrength: async (request: FastifyRequest<{ Params: StrengthParams }>, reply: FastifyReply) => {
      const result = await people.removeStrength(actorOf(request), request.params.personId, request.params.strengthId);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('flash.strength_removed', { label: result.value.label });
      return reply.redirect(`/people/${request.params.personId}/edit/strengths`, 303);
    },

    saveTakingPart: async (request: Request, reply: FastifyReply) => {
      const parsed = parseForm(takingPartForm.schema, request.body, takingPartForm.order, request.t, {
        perspectives: 'perspectives',
        participationWays: 'participationWays',
        accessNeeds: 'accessNeeds',
      });
      if (!parsed.ok) return render(request, reply, 'taking-part', parsed);
      const result = await people.updateTakingPart(actorOf(request), request.params.personId, parsed.value);
      return result.ok ? saved(request, reply) : notFoundPage(reply);
    },

    saveVisibility: async (request: Request, reply: FastifyReply) => {
      const parsed = parseForm(visibilityForm.schema, request.body, visibilityForm.order, request.t);
      if (!parsed.ok) return render(request, reply, 'visibility', parsed);
      const result = await people.updateVisibility(actorOf(request), request.params.personId, parsed.value.visibility);
      return result.ok ? saved(request, reply) : notFoundPage(reply);
    },
  };
}
