/** Signing in, links, resets, invitations, the account, the language, and the organisation's own settings. */
import { newId } from '../../../src/db/portable.js';
import { TEST_PASSWORD } from '../../helpers/factories.js';
import { calendarToken } from './meetings.js';
import { once, side, type ParamFillers, type Plans, type World } from './world.js';

/** An invitation not yet accepted, made by the admin of organisation A or B: its id (the resend button's address). */
function pendingInvitation(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `invitation:${which}`, async () => {
    const email = `pending-${which}-${newId()}@test.example`;
    const invited = await w.t.app.services.auth.invite(side(w, which).admin, { email, displayName: 'Pending Person', permission: 'member' });
    if (!invited.ok) throw new Error('could not invite');
    await w.t.mailer.idle();
    return (await w.t.db.kysely.selectFrom('auth_tokens').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  });
}

export const PLANS: Plans = {
  'POST /sign-in': (w) => ({ fields: { email: w.adminA.email, password: TEST_PASSWORD } }),
  'POST /sign-out': () => ({ fields: {} }),
  'POST /sign-in/link': (w) => ({ fields: { email: w.memberA.email } }),
  'POST /sign-in/link/:token': (w) => ({ params: { token: w.tokens.signInLink }, fields: {} }),
  'POST /password-reset': (w) => ({ fields: { email: w.memberA.email } }),
  'POST /password-reset/:token': (w) => ({ params: { token: w.tokens.passwordReset }, fields: { password: 'a brand new passphrase' } }),
  'POST /invitations/:token': (w) => ({ params: { token: w.tokens.invitation }, fields: { displayName: 'New Person', password: 'a brand new passphrase' } }),
  'POST /account/password': () => ({ fields: { currentPassword: TEST_PASSWORD, password: 'a brand new passphrase' } }),
  'POST /language': () => ({ fields: { language: 'it', returnTo: '/' } }),
  'POST /organisations/switch': (w) => ({ fields: { organisationId: w.c } }),
  'POST /admin/organisation': () => ({ fields: { name: 'Renamed', shortName: 'Renamed', defaultLanguage: 'en-GB', timeZone: 'UTC', country: 'GB', crisisText: '' } }),
  'POST /admin/people/invite': () => ({ fields: { displayName: 'Invited', email: `invited-${newId()}@test.example`, permission: 'member' } }),
  'POST /admin/people/invitations/:invitationId/resend': async (w) => ({ params: { invitationId: await pendingInvitation(w, 'a') }, fields: {} }),
  'POST /admin/people/:personId/permission': (w) => ({ params: { personId: w.memberA.personId }, fields: { permission: 'facilitator' } }),
};

/** Tokens: a sign-in link, a reset, an invitation or a calendar feed; "someone else's" is a token for another purpose. */
export const PARAMS: ParamFillers = {
  invitationId: {
    others: (w) => pendingInvitation(w, 'b'),
    own: (w) => pendingInvitation(w, 'a'),
  },
  token: {
    others: (w, route) => (route.url.startsWith('/sign-in/link/') ? w.tokens.passwordReset : w.tokens.signInLink),
    own: (w, route) =>
      route.url.startsWith('/calendar/')
        ? calendarToken(w, 'a')
        : route.url.startsWith('/sign-in/link/')
          ? w.tokens.signInLink
          : route.url.startsWith('/password-reset/')
            ? w.tokens.passwordReset
            : w.tokens.invitation,
  },
};
