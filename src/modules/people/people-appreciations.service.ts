/** Appreciations: assets identified by others, shown on a profile only once its owner accepts them. */
import type { Actor } from '../../shared/actor.js';
import { notFound, ok, type Result } from '../../shared/result.js';
import type { Access, PeopleServiceDeps } from './people.access.js';
import { plausibleId } from './people.access.js';
import * as appreciationsRepo from './people-appreciations.repository.js';

export interface Inbox {
  readonly person: { readonly id: string; readonly displayName: string; readonly knownAs: string | null };
  readonly isOwner: boolean;
  readonly pending: readonly appreciationsRepo.AppreciationRecord[];
  readonly accepted: readonly appreciationsRepo.AppreciationRecord[];
}

export function appreciationUseCases({ db, clock }: PeopleServiceDeps, access: Access) {
  const now = () => clock.now().toISOString();
  return {
    /** Write what you appreciate about someone; they decide whether it shows on their profile. */
    async appreciate(actor: Actor, personId: string, body: string): Promise<Result<{ name: string }>> {
      const loaded = await access.load(actor, personId, 'appreciate');
      if (!loaded.ok) return loaded;
      await appreciationsRepo.insertAppreciation(db, actor.organisationId, { personId, authorPersonId: actor.personId, body }, now());
      const { person } = loaded.value;
      return ok({ name: person.knownAs ?? person.displayName });
    },

    async inbox(actor: Actor, personId: string): Promise<Result<Inbox>> {
      const loaded = await access.load(actor, personId, 'decide_appreciations');
      if (!loaded.ok) return loaded;
      const all = await appreciationsRepo.listAbout(db, actor.organisationId, [personId], ['pending', 'accepted']);
      const { person } = loaded.value;
      return ok({
        person: { id: person.id, displayName: person.displayName, knownAs: person.knownAs },
        isOwner: loaded.value.isOwner,
        pending: all.filter((a) => a.status === 'pending'),
        accepted: all.filter((a) => a.status === 'accepted'),
      });
    },

    /** Accept (show on the profile) or decline (never shown; an accepted one can be taken off later). */
    async decide(actor: Actor, personId: string, appreciationId: string, decision: 'accepted' | 'declined'): Promise<Result<null>> {
      const loaded = await access.load(actor, personId, 'decide_appreciations');
      if (!loaded.ok) return loaded;
      if (!plausibleId(appreciationId)) return notFound();
      const changed = await appreciationsRepo.decide(db, actor.organisationId, personId, appreciationId, decision, now());
      return changed ? ok(null) : notFound();
    },
  };
}
