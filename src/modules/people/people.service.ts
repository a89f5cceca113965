/**
 * People and one-page profiles. Use cases take an explicit actor, authorise inside, and return Result values; they
 * are grouped by area in people-*.service.ts and put together here.
 */
import type { Actor } from '../../shared/actor.js';
import { createAccess, type PeopleServiceDeps } from './people.access.js';
import type { ProfileAction } from './people.permissions.js';
import { appreciationUseCases } from './people-appreciations.service.js';
import { directoryUseCases } from './people-directory.service.js';
import { pictureUseCases } from './people-pictures.service.js';
import { profileUseCases } from './people-profile.service.js';
import { rightsUseCases } from './people-rights.service.js';
import { templateUseCases } from './people-template.service.js';

export type { PeopleServiceDeps } from './people.access.js';
/** For seeding many strengths at once (demo data, generated data): keeps the search's strength labels in step. */
export { insertStrengths } from './people-profile.repository.js';

export function createPeopleService(deps: PeopleServiceDeps) {
  const access = createAccess(deps);
  return {
    headings: (organisationId: string) => access.headings(organisationId),
    /** Whether the actor may do this to the person's profile (false too when they may not see it, or it is not there). */
    may: async (actor: Actor, personId: string, action: ProfileAction): Promise<boolean> => (await access.load(actor, personId, action)).ok,
    ...profileUseCases(deps, access),
    ...directoryUseCases(deps, access),
    ...appreciationUseCases(deps, access),
    ...rightsUseCases(deps, access),
    ...templateUseCases(deps, access),
    ...pictureUseCases(deps, access),
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
