import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, ANONYMOUS } from '../identity/index.ts';
import { staff } from './scope.ts';

/** The signed-in staff member of a request (401 for anyone else). */
export const actorOf = (request: FastifyRequest): Actor =>
  staff((request as { actor?: Actor }).actor ?? ANONYMOUS);
export const idOf = (request: FastifyRequest): number => Number((request.params as { id: string }).id);

/** A list's query with its paging defaults (the first 50). */
export const paged = <Q extends { limit?: number | undefined; offset?: number | undefined }>(q: Q) => ({
  ...q,
  limit: q.limit ?? 50,
  offset: q.offset ?? 0,
});

/** A create route's handler: the service makes it from the caller and the (schema-checked) body; 201. */
export const creating =
  <B, R>(make: (actor: Actor, body: B) => Promise<R>) =>
  async (req: FastifyRequest, reply: FastifyReply) =>
    reply.status(201).send(await make(actorOf(req), req.body as B));
