import { describe, expect, it } from 'vitest';
import type { ProfileVisibility } from '../../db/database.js';
import { can, canViewProfile, directoryScope, scopeShows, type ProfileAction, type ProfileSubject, type ProfileViewer } from './people.permissions.js';

const OWNER = 'owner';
const VISIBILITIES: readonly ProfileVisibility[] = ['organisation', 'projects', 'private'];
type Who = 'owner' | 'member' | 'facilitator' | 'admin';

function viewer(who: Who): ProfileViewer {
  return who === 'owner' ? { personId: OWNER, permission: 'member' } : { personId: `other-${who}`, permission: who };
}

function subject(visibility: ProfileVisibility, hasAccount = true): ProfileSubject {
  return { personId: OWNER, hasAccount, visibility };
}

/**
 * Who sees a profile with an account, by the owner's setting and whether the viewer shares a project with them.
 * Read across: organisation, projects (sharing), projects (not sharing), private.
 */
const SEES: Record<Who, readonly [boolean, boolean, boolean, boolean]> = {
  owner: [true, true, true, true],
  member: [true, true, false, false],
  facilitator: [true, true, false, false],
  admin: [true, true, true, true],
};

describe('who sees a profile (viewer x setting x relationship)', () => {
  const rows = (Object.keys(SEES) as Who[]).flatMap((who) =>
    (
      [
        ['organisation', false, 0],
        ['projects', true, 1],
        ['projects', false, 2],
        ['private', false, 3],
      ] as const
    ).map(([visibility, shares, column]) => ({ who, visibility, shares, expected: SEES[who][column] })),
  );

  it.each(rows)('$who, $visibility, shares a project: $shares -> $expected', ({ who, visibility, shares, expected }) => {
    expect(canViewProfile(viewer(who), subject(visibility), { sharesProject: shares })).toBe(expected);
  });

  it('lets facilitators and admins, never other members, see people without an account whatever the setting', () => {
    for (const visibility of VISIBILITIES) {
      expect(canViewProfile(viewer('member'), subject(visibility, false), { sharesProject: false })).toBe(visibility === 'organisation');
      expect(canViewProfile(viewer('facilitator'), subject(visibility, false), { sharesProject: false })).toBe(true);
      expect(canViewProfile(viewer('admin'), subject(visibility, false), { sharesProject: false })).toBe(true);
    }
  });
});

describe('what each viewer may do with a profile they can see', () => {
  const ACTIONS: readonly ProfileAction[] = ['edit', 'export', 'remove', 'decide_appreciations', 'see_consent', 'see_perspectives', 'see_access_needs', 'appreciate'];
  /** For a profile set to "organisation": with an account, then without one. */
  const TABLE: Record<Who, Record<ProfileAction, readonly [boolean, boolean]>> = {
    owner: { view: [true, true], edit: [true, true], export: [true, true], remove: [true, true], decide_appreciations: [true, true], see_consent: [true, true], see_perspectives: [true, true], see_access_needs: [true, true], appreciate: [false, false] },
    member: { view: [true, true], edit: [false, false], export: [false, false], remove: [false, false], decide_appreciations: [false, false], see_consent: [false, false], see_perspectives: [false, false], see_access_needs: [false, false], appreciate: [true, true] },
    facilitator: { view: [true, true], edit: [false, true], export: [false, true], remove: [false, true], decide_appreciations: [false, true], see_consent: [false, true], see_perspectives: [false, true], see_access_needs: [true, true], appreciate: [true, true] },
    admin: { view: [true, true], edit: [false, true], export: [false, true], remove: [false, true], decide_appreciations: [false, true], see_consent: [false, true], see_perspectives: [false, true], see_access_needs: [true, true], appreciate: [true, true] },
  };
  const rows = (Object.keys(TABLE) as Who[]).flatMap((who) =>
    ACTIONS.flatMap((action) => [true, false].map((hasAccount) => ({ who, action, hasAccount, expected: TABLE[who][action][hasAccount ? 0 : 1] }))),
  );

  it.each(rows)('$who, $action, with an account: $hasAccount -> $expected', ({ who, action, hasAccount, expected }) => {
    // An owner always has an account (they are signed in), so the no-account column is about staff acting for someone.
    if (who === 'owner' && !hasAccount) return expect(can(viewer(who), action, subject('organisation', true), { sharesProject: false })).toBe(expected);
    return expect(can(viewer(who), action, subject('organisation', hasAccount), { sharesProject: false })).toBe(expected);
  });

  it('never lets anyone but the owner edit an account-holding profile, whatever the setting', () => {
    for (const who of ['member', 'facilitator', 'admin'] as const) {
      for (const visibility of VISIBILITIES) {
        for (const sharesProject of [true, false]) {
          expect(can(viewer(who), 'edit', subject(visibility), { sharesProject })).toBe(false);
        }
      }
    }
  });

  it('keeps access needs from members even when they can see the profile, and from everyone who cannot see it', () => {
    expect(can(viewer('member'), 'see_access_needs', subject('organisation'), { sharesProject: true })).toBe(false);
    expect(can(viewer('facilitator'), 'see_access_needs', subject('private'), { sharesProject: false })).toBe(false);
    expect(can(viewer('facilitator'), 'see_access_needs', subject('projects'), { sharesProject: true })).toBe(true);
    expect(can(viewer('admin'), 'see_access_needs', subject('private'), { sharesProject: false })).toBe(true);
  });
});

describe('the directory scope agrees with canViewProfile', () => {
  it('for every viewer, setting, account and relationship', () => {
    for (const who of ['owner', 'member', 'facilitator', 'admin'] as const) {
      for (const visibility of VISIBILITIES) {
        for (const hasAccount of [true, false]) {
          for (const sharesProject of [true, false]) {
            const v = viewer(who);
            const s = subject(visibility, hasAccount || who === 'owner');
            const scope = directoryScope(v, sharesProject ? [OWNER] : []);
            expect(scopeShows(scope, s), `${who} ${visibility} account:${String(hasAccount)} shares:${String(sharesProject)}`).toBe(
              canViewProfile(v, s, { sharesProject }),
            );
          }
        }
      }
    }
  });
});
