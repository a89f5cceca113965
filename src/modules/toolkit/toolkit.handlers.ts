import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { parseForm } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { subjectText } from '../reviews/reviews.view-model.js';
import { ladderView } from '../ladder/ladder.handlers.js';
import { checkForm } from './learning.forms.js';
import { checksFor, isTopic, paragraphKeys, TOPIC_KEYS, type TopicKey } from './learning.registry.js';

export type TopicParams = { topic: string };

export function createToolkitHandlers(services: Services) {
  const { toolkit } = services;

  async function topicPage(request: FastifyRequest, reply: FastifyReply, topic: TopicKey, extra: Record<string, unknown> = {}, status = 200) {
    const result = await toolkit.learning(actorOf(request));
    if (!result.ok) return reply.callNotFound();
    const spec = checkForm(topic);
    const index = TOPIC_KEYS.indexOf(topic);
    const saved = Object.fromEntries(checksFor(topic).map((c) => [spec.id(c.key), result.value.answers[c.key]?.answer ?? '']));
    const checks = checksFor(topic).map((c) => ({ ...c, id: spec.id(c.key), answered: result.value.answers[c.key] }));
    return reply.page('toolkit/views/topic.njk', {
      topic, paragraphs: paragraphKeys(topic), checks, values: saved, progress: result.value.progress,
      next: TOPIC_KEYS[index + 1] ?? null, previous: index > 0 ? TOPIC_KEYS[index - 1] : null, position: index + 1, total: TOPIC_KEYS.length,
      ...extra,
    }, status);
  }

  return {
    mine: async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await toolkit.mine(actorOf(request));
      if (!result.ok) return reply.callNotFound();
      const v = result.value;
      return reply.page('toolkit/views/mine.njk', {
        ...v,
        answered: v.answered.map((r) => ({ ...r, subject: subjectText(r, request.t) })),
        actions: v.actions.map((a) => ({ ...a, subject: subjectText(a, request.t) })),
        ladder: ladderView(v.reflections.flatMap((r) => r.entries)),
      });
    },

    learning: async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await toolkit.learning(actorOf(request));
      if (!result.ok) return reply.callNotFound();
      return reply.page('toolkit/views/learning.njk', { topics: TOPIC_KEYS, progress: result.value.progress });
    },

    topic: async (request: FastifyRequest<{ Params: TopicParams }>, reply: FastifyReply) => {
      if (!isTopic(request.params.topic)) return reply.callNotFound();
      return topicPage(request, reply, request.params.topic);
    },

    answer: async (request: FastifyRequest<{ Params: TopicParams }>, reply: FastifyReply) => {
      const topic = request.params.topic;
      if (!isTopic(topic)) return reply.callNotFound();
      const spec = checkForm(topic);
      const form = parseForm(spec.schema, request.body, spec.order, request.t);
      if (!form.ok) return topicPage(request, reply, topic, form, 422);
      const chosen = Object.fromEntries(checksFor(topic).map((c) => [c.key, form.value[spec.id(c.key)] ?? '']));
      const result = await toolkit.answer(actorOf(request), topic, chosen);
      if (!result.ok) return reply.callNotFound();
      return topicPage(request, reply, topic, { marked: Object.fromEntries(result.value.map((m) => [m.checkKey, m.correct])) });
    },
  };
}
