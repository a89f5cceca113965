/** Profile pictures, where the organisation asks for them: shown to whoever may see the profile. */
import type { Actor } from '../../shared/actor.js';
import { forbidden, notFound, ok, type Result } from '../../shared/result.js';
import type { Access, PeopleServiceDeps } from './people.access.js';
import type { PictureType } from './people.pictures.js';
import * as profileRepo from './people-profile.repository.js';

export interface PicturePage {
  readonly person: { readonly id: string; readonly displayName: string };
  readonly isOwner: boolean;
  readonly hasPicture: boolean;
}

export function pictureUseCases({ db, clock }: PeopleServiceDeps, access: Access) {
  const now = () => clock.now().toISOString();
  return {
    async picturePage(actor: Actor, personId: string): Promise<Result<PicturePage>> {
      const loaded = await access.load(actor, personId, 'edit');
      if (!loaded.ok) return loaded;
      if (!loaded.value.settings.pictureEnabled) return notFound();
      const pictures = await profileRepo.withPictures(db, actor.organisationId, [personId]);
      const { person } = loaded.value;
      return ok({ person: { id: person.id, displayName: person.displayName }, isOwner: loaded.value.isOwner, hasPicture: pictures.has(personId) });
    },

    /** The picture has been checked (type by its bytes, size) and had its metadata taken out: see people.pictures.ts. */
    async setPicture(actor: Actor, personId: string, picture: { contentType: PictureType; bytes: Buffer }): Promise<Result<null>> {
      const loaded = await access.load(actor, personId, 'edit');
      if (!loaded.ok) return loaded;
      if (!loaded.value.settings.pictureEnabled) return forbidden();
      await profileRepo.savePicture(db, actor.organisationId, personId, picture, now());
      return ok(null);
    },

    async removePicture(actor: Actor, personId: string): Promise<Result<null>> {
      const loaded = await access.load(actor, personId, 'edit');
      if (!loaded.ok) return loaded;
      await profileRepo.deletePicture(db, actor.organisationId, personId);
      return ok(null);
    },

    /** The picture itself, for whoever may see the profile, while the organisation asks for pictures. */
    async picture(actor: Actor, personId: string): Promise<Result<{ contentType: string; bytes: Buffer }>> {
      const loaded = await access.load(actor, personId, 'view');
      if (!loaded.ok) return loaded;
      if (!loaded.value.settings.pictureEnabled) return notFound();
      const picture = await profileRepo.findPicture(db, actor.organisationId, personId);
      return picture === undefined ? notFound() : ok(picture);
    },
  };
}
