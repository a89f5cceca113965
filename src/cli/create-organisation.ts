import { z } from 'zod';
import type { Config } from '../config.js';
import { migrateToLatest, type Db } from '../db/connect.js';
import { settingsForm } from '../modules/organisations/organisations.forms.js';
import { createServices } from '../services.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { emailField, optionalText, parseForm } from '../shared/forms.js';
import { DEFAULT_LANGUAGE, LANGUAGES, translatorFor } from '../shared/i18n.js';
import { createMailer, type Mailer } from '../shared/mailer.js';
import { INVITATION_DAYS } from '../modules/auth/auth.service.js';
import { EXIT, messageOf, type ExitCode, type Output } from './output.js';
import { countryForTimeZone } from '../shared/crisis-lines.js';

/** The command's options, by field name, as typed on the command line. */
export const CREATE_ORGANISATION_OPTIONS = {
  name: '--name',
  shortName: '--short-name',
  adminEmail: '--admin-email',
  adminName: '--admin-name',
  defaultLanguage: '--language',
  timeZone: '--time-zone',
} as const;

type Field = keyof typeof CREATE_ORGANISATION_OPTIONS;
export type CreateOrganisationInput = { readonly [K in Field]?: string | undefined };

const settings = settingsForm.schema.shape;

/** The same rules as the organisation settings and invitation forms. */
const schema = z.strictObject({
  name: settings.name,
  shortName: settings.shortName,
  adminEmail: emailField('errors.email.required', 'errors.email.format'),
  adminName: optionalText(100, 'errors.display_name.too_long'),
  defaultLanguage: settings.defaultLanguage,
  timeZone: settings.timeZone,
});
const order: readonly Field[] = ['name', 'shortName', 'adminEmail', 'adminName', 'defaultLanguage', 'timeZone'];

/** What a missing option is for, in plain words. */
const REQUIRED: Partial<Record<Field, string>> = {
  name: 'the full name of the organisation, like "Riverside Wellbeing Collective"',
  shortName: 'a short name of up to 30 characters, used in page titles, like "Riverside"',
  adminEmail: "the email address of the organisation's first admin",
};

/** Extra words for the command line, where there is no list to choose from. */
const HINTS: Partial<Record<Field, string>> = {
  defaultLanguage: `use one of: ${LANGUAGES.map((l) => l.code).join(', ')}`,
};

export interface CreateOrganisationDeps {
  readonly db: Db;
  readonly config: Config;
  readonly out: Output;
  /** Tests may bring their own; otherwise one is made from SMTP_URL and closed afterwards. */
  readonly mailer?: Mailer;
  readonly clock?: Clock;
}

/** Check the options; returns plain-English problems, one per option, in the order of the usage line. */
export function checkCreateOrganisation(input: CreateOrganisationInput): { ok: true; value: z.output<typeof schema> } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  for (const field of order) {
    const purpose = REQUIRED[field];
    if (purpose !== undefined && input[field] === undefined) problems.push(`${CREATE_ORGANISATION_OPTIONS[field]} is missing: give ${purpose}.`);
  }
  if (problems.length > 0) return { ok: false, problems };
  const values = {
    ...input,
    defaultLanguage: input.defaultLanguage ?? DEFAULT_LANGUAGE,
    timeZone: input.timeZone ?? 'Europe/London',
  };
  const parsed = parseForm(schema, values, order, translatorFor(DEFAULT_LANGUAGE));
  if (parsed.ok) return { ok: true, value: parsed.value };
  return {
    ok: false,
    problems: parsed.errorList.map(({ text, href }) => {
      const field = href.slice(1) as Field;
      const hint = HINTS[field];
      return `${CREATE_ORGANISATION_OPTIONS[field]}: ${text}${hint === undefined ? '' : ` (${hint})`}.`;
    }),
  };
}

/**
 * Create an organisation and invite its first admin by email. Waits until the email has gone (or failed) before
 * returning, and prints the invitation link either way.
 */
export async function createOrganisationCommand(deps: CreateOrganisationDeps, input: CreateOrganisationInput): Promise<ExitCode> {
  const { db, config, out } = deps;
  const checked = checkCreateOrganisation(input);
  if (!checked.ok) {
    out.error('The organisation was not created:');
    for (const problem of checked.problems) out.error(`  ${problem}`);
    return EXIT.usage;
  }
  const value = checked.value;

  const mail = { failures: [] as string[], notSent: false };
  const mailer =
    deps.mailer ??
    createMailer({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      allowLogTransport: config.env !== 'production',
      logger: {
        info: () => {
          mail.notSent = true; // the only thing the mailer logs: "not sent, SMTP_URL is not set"
        },
        error: (object) => mail.failures.push(messageOf(object['err'])),
      },
    });
  // The operator's own terminal: the whole error helps them fix SMTP_URL.
  const onMailError = (error: unknown) => mail.failures.push(messageOf(error));

  try {
    await migrateToLatest(db.kysely);
    const services = createServices({ db, clock: deps.clock ?? systemClock, mailer, config, onMailError });
    const organisationId = await services.organisations.createOrganisation({
      name: value.name,
      shortName: value.shortName,
      defaultLanguage: value.defaultLanguage,
      timeZone: value.timeZone,
      country: countryForTimeZone(value.timeZone),
      crisisText: null,
    });
    out.line(`Created the organisation "${value.name}" (${value.shortName}), with id ${organisationId}.`);

    const invited = await services.auth.inviteFirstAdmin(organisationId, { email: value.adminEmail, displayName: value.adminName });
    if (!invited.ok) {
      out.error(`The organisation was created, but its first admin could not be invited (${invited.kind}).`);
      return EXIT.failed;
    }
    await mailer.idle();

    const link = [
      `The invitation link (it works once, for ${INVITATION_DAYS} days; keep it as private as a password):`,
      `  ${invited.value.link}`,
    ];
    if (mail.failures.length > 0) {
      out.error(`The invitation email to ${value.adminEmail} could not be sent: ${mail.failures.join('; ')}`);
      out.error('It waits in the outbox, and the app tries again while it runs. Check SMTP_URL.');
      out.error('The organisation exists, so do not run this command again: send the person this link yourself if it does not arrive.');
      for (const text of link) out.error(text);
      return EXIT.failed;
    }
    out.line(
      mail.notSent
        ? `No email was sent, because SMTP_URL is not set. Send ${value.adminEmail} this link yourself.`
        : `Sent an invitation to ${value.adminEmail} to be the first admin.`,
    );
    for (const text of link) out.line(text);
    return EXIT.ok;
  } catch (error) {
    out.error(`The organisation could not be created: ${messageOf(error)}`);
    return EXIT.failed;
  } finally {
    if (deps.mailer === undefined) mailer.close();
  }
}
