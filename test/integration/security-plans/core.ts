/** Signing in, links, resets, invitations, the account, the language, and the organisation's own settings. */
import { newId } from '../../../src/db/portable.js';
import { TEST_PASSWORD } from '../../helpers/factories.js';
import { calendarToken } from './meetings.js';
import { once, side, type ParamFillers, type Plans, type World } from './world.js';

const LINE = { name: 'Night line', purpose: 'For members who are struggling', reach: 'call', number: '0800 123 4567', instruction: '', hours: '' };

/** One of an organisation's own crisis lines (its admin adds it, which starts the organisation's own list). */
function crisisLine(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `crisis-line-${which}`, async () => {
    const { admin, organisationId } = side(w, which);
    const added = await w.t.app.services.crisisLines.add(admin, { ...LINE, reach: 'call', instruction: null, hours: null });
    if (!added.ok) throw new Error('could not add a crisis line');
    const row = await w.t.db.kysely.selectFrom('crisis_lines').select('id').where('organisation_id', '=', organisationId).where('name', '=', LINE.name).executeTakeFirstOrThrow();
    return row.id;
  });
}

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
  'POST /admin/organisation': () => ({ fields: { name: 'Renamed', shortName: 'Renamed', defaultLanguage: 'en-GB', timeZone: 'UTC', country: 'GB', crisisText: '', accessNeedsDays: '30' } }),
  'POST /admin/people/invite': () => ({ fields: { displayName: 'Invited', email: `invited-${newId()}@test.example`, permission: 'member' } }),
  'POST /admin/people/invitations/:invitationId/resend': async (w) => ({ params: { invitationId: await pendingInvitation(w, 'a') }, fields: {} }),
  'POST /admin/people/:personId/permission': (w) => ({ params: { personId: w.memberA.personId }, fields: { permission: 'facilitator' } }),
  'POST /admin/crisis-lines': () => ({ fields: LINE }),
  'POST /admin/crisis-lines/own': () => ({ fields: {} }),
  'POST /admin/crisis-lines/checked': () => ({ fields: {} }),
  'POST /admin/crisis-lines/reset': async (w) => {
    await crisisLine(w, 'a');
    return { fields: {} };
  },
  'POST /admin/crisis-lines/:lineId': async (w) => ({ params: { lineId: await crisisLine(w, 'a') }, fields: { ...LINE, name: 'Day line' } }),
  'POST /admin/crisis-lines/:lineId/remove': async (w) => ({ params: { lineId: await crisisLine(w, 'a') }, fields: {} }),
};

/** Tokens: a sign-in link, a reset, an invitation or a calendar feed; "someone else's" is a token for another purpose. */
export const PARAMS: ParamFillers = {
  lineId: { others: (w) => crisisLine(w, 'b'), own: (w) => crisisLine(w, 'a') },
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
