import { DEFAULT_LANGUAGE, isLanguage, translatorFor } from '../../shared/i18n.js';
import type { QueuedMail } from '../../shared/outbox.js';

/** The invitation email, in the language of the account it is for (or the default for someone new). */
export function invitationMail(input: {
  invitationId: string;
  organisationId: string;
  organisationName: string;
  inviter: string;
  name: string;
  to: string;
  url: string;
  days: number;
  language: string | null | undefined;
}): QueuedMail {
  const t = translatorFor(isLanguage(input.language) ? input.language : DEFAULT_LANGUAGE);
  return {
    kind: 'invitation',
    organisationId: input.organisationId,
    invitationId: input.invitationId,
    to: input.to,
    subject: t('mail.invitation.subject', { organisation: input.organisationName }),
    text: t('mail.invitation.body', { organisation: input.organisationName, inviter: input.inviter, name: input.name, url: input.url, days: input.days }),
  };
}
