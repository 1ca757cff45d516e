import type { FastifyRequest } from 'fastify';
import type { Actor } from '../identity/index.ts';

/** The caller, as the identity module's request hook put it on the request. */
export const actorOf = (request: FastifyRequest): Actor => request.actor;
