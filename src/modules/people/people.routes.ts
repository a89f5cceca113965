import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { requireAllowed, requirePermission, requireSignIn } from '../../shared/guards.js';
import { createEditHandlers } from './people-edit.handlers.js';
import { createPictureHandlers } from './people-pictures.handlers.js';
import { MAX_PICTURE_BYTES } from './people.pictures.js';
import { createRightsHandlers } from './people-rights.handlers.js';
import { createPeopleHandlers, type DirectoryQuerystring, type PersonParams, type WallQuerystring } from './people.handlers.js';

type Person = { Params: PersonParams };

/**
 * Read an uploaded picture into memory, up to the limit; the parser stops at the limit and says so (`truncated`),
 * so an over-large picture gets a clear message rather than an error page.
 */
async function onPictureFile(part: MultipartFile): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  (part as MultipartFile & { value: unknown }).value = { bytes: Buffer.concat(chunks), truncated: part.file.truncated };
}

export function peopleRoutes(app: FastifyInstance, services: Services): void {
  const h = createPeopleHandlers(services);
  const edit = createEditHandlers(services);
  const rights = createRightsHandlers(services);
  const signedIn = { preHandler: requireSignIn };
  const facilitator = { preHandler: requirePermission('facilitator') };
  const admin = { preHandler: requirePermission('admin') };

  app.get('/profile', signedIn, h.ownProfile);
  app.get<{ Querystring: DirectoryQuerystring }>('/people', signedIn, h.directory);
  app.get<{ Querystring: WallQuerystring }>('/people/wall', signedIn, h.wall);
  app.get('/people/new', facilitator, h.newPersonPage);
  app.post('/people/new', facilitator, h.addPerson);
  app.get('/people/removed', rights.removed);

  app.get<Person>('/people/:personId', signedIn, h.profile);
  const mayAppreciate = { preHandler: requireAllowed((actor, params) => services.people.may(actor, params['personId'] ?? '', 'appreciate')) };
  app.post<Person>('/people/:personId/appreciations', mayAppreciate, h.appreciate);
  app.get<Person>('/people/:personId/appreciations', signedIn, rights.inbox);
  app.post<{ Params: PersonParams & { appreciationId: string } }>('/people/:personId/appreciations/:appreciationId/accept', signedIn, rights.accept);
  app.post<{ Params: PersonParams & { appreciationId: string } }>('/people/:personId/appreciations/:appreciationId/decline', signedIn, rights.decline);

  app.get<Person>('/people/:personId/edit', signedIn, edit.overview);
  app.get<Person>('/people/:personId/edit/about', signedIn, edit.page('about'));
  app.post<Person>('/people/:personId/edit/about', signedIn, edit.saveAbout);
  app.get<Person>('/people/:personId/edit/profile', signedIn, edit.page('profile'));
  app.post<Person>('/people/:personId/edit/profile', signedIn, edit.saveAnswers);
  app.get<Person>('/people/:personId/edit/strengths', signedIn, edit.page('strengths'));
  app.post<Person>('/people/:personId/edit/strengths', signedIn, edit.addStrength);
  app.post<{ Params: PersonParams & { strengthId: string } }>('/people/:personId/strengths/:strengthId/remove', signedIn, edit.removeStrength);
  app.get<Person>('/people/:personId/edit/taking-part', signedIn, edit.page('taking-part'));
  app.post<Person>('/people/:personId/edit/taking-part', signedIn, edit.saveTakingPart);
  app.get<Person>('/people/:personId/edit/visibility', signedIn, edit.page('visibility'));
  app.post<Person>('/people/:personId/edit/visibility', signedIn, edit.saveVisibility);

  const pictures = createPictureHandlers(services);
  app.get<Person>('/people/:personId/picture', signedIn, pictures.show);
  app.get<Person>('/people/:personId/edit/picture', signedIn, pictures.page);
  app.post<Person>('/people/:personId/picture/remove', signedIn, pictures.remove);
  // Only this route takes multipart forms: the parser lives in its own scope.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      onFile: onPictureFile,
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_PICTURE_BYTES, files: 1, fields: 2, fieldSize: 1024, parts: 3 },
    });
    scope.post<Person>('/people/:personId/edit/picture', signedIn, pictures.upload);
  });

  app.get<Person>('/people/:personId/export', signedIn, rights.exportPage);
  app.get<Person>('/people/:personId/export.json', signedIn, rights.exportJson);
  app.get<Person>('/people/:personId/remove', signedIn, rights.removePage);
  app.post<Person>('/people/:personId/remove', signedIn, rights.remove);

  app.get('/admin/organisation/profile-template', admin, rights.templatePage);
  app.post('/admin/organisation/profile-template', admin, rights.saveTemplate);
  app.post('/admin/organisation/profile-template/headings', admin, rights.addHeading);
  app.post<{ Params: { headingId: string } }>('/admin/organisation/profile-template/headings/:headingId/remove', admin, rights.removeHeading);
}
