/** Uploading, removing and showing a profile picture. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { fieldError } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { checkPicture } from './people.pictures.js';
import { notFoundPage, type PersonParams } from './people.handlers.js';

type Request = FastifyRequest<{ Params: PersonParams }>;

/** What the multipart parser leaves for the file field: see `onPictureFile` in people.routes.ts. */
export interface UploadedFile {
  readonly bytes: Buffer;
  readonly truncated: boolean;
}

function uploaded(body: unknown): UploadedFile | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)['picture'];
  if (value === null || typeof value !== 'object' || !('bytes' in value) || !Buffer.isBuffer(value.bytes)) return undefined;
  return { bytes: value.bytes, truncated: 'truncated' in value && value.truncated === true };
}

/** Fields other than the token and the file mean the form was not ours. */
function onlyPictureFields(body: unknown): boolean {
  return body !== null && typeof body === 'object' && Object.keys(body).every((key) => key === '_csrf' || key === 'picture');
}

export function createPictureHandlers(services: Services) {
  const { people } = services;

  async function page(request: Request, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const result = await people.picturePage(actorOf(request), request.params.personId);
    if (!result.ok) return notFoundPage(reply);
    return reply.page('people/views/edit-picture.njk', { ...result.value, ...extra }, status);
  }

  return {
    page: async (request: Request, reply: FastifyReply) => page(request, reply),

    upload: async (request: Request, reply: FastifyReply) => {
      if (!onlyPictureFields(request.body)) return page(request, reply, fieldError('picture', 'errors.form.unexpected_field', request.t, {}), 422);
      const checked = checkPicture(uploaded(request.body));
      if (!checked.ok) return page(request, reply, fieldError('picture', checked.error, request.t, {}), 422);
      const result = await people.setPicture(actorOf(request), request.params.personId, { contentType: checked.contentType, bytes: checked.bytes });
      if (!result.ok) return notFoundPage(reply);
      reply.flash('flash.picture_saved');
      return reply.redirect(`/people/${request.params.personId}/edit`, 303);
    },

    remove: async (request: Request, reply: FastifyReply) => {
      const result = await people.removePicture(actorOf(request), request.params.personId);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('flash.picture_removed');
      return reply.redirect(`/people/${request.params.personId}/edit`, 303);
    },

    show: async (request: Request, reply: FastifyReply) => {
      const result = await people.picture(actorOf(request), request.params.personId);
      if (!result.ok) return notFoundPage(reply);
      return reply.type(result.value.contentType).header('content-disposition', 'inline').send(result.value.bytes);
    },
  };
}
