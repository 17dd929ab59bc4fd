import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../config/schema.ts';

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

export interface ApiToken {
  name: string;
  role: Role;
  token: string;
}

const digest = (s: string) => createHash('sha256').update(s).digest();
const holders = new WeakMap<FastifyRequest, string>();

/** The name of the token a request was let through with (undefined for public access), for the log. */
export function tokenNameOf(request: FastifyRequest): string | undefined {
  return holders.get(request);
}

/** The configured token a request's `Authorization: Bearer ...` header carries, if any (compared in constant time). */
export function tokenHolder(tokens: readonly ApiToken[], authorization: string | undefined): ApiToken | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const presented = match ? digest(match[1]!) : undefined;
  return presented && tokens.find((t) => timingSafeEqual(digest(t.token), presented));
}

/**
 * The one place access is checked. Tokens come from a getter so a reload takes effect at once.
 * Returns a fastify preHandler that lets a request through when it is public or carries a
 * bearer token of at least `role`; otherwise answers 401 (no or unknown token) or 403 (role too low).
 */
export function accessGuard(getTokens: () => readonly ApiToken[]) {
  return (role: Role, isPublic: () => boolean = () => false) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      if (isPublic()) return;
      const tokens = getTokens();
      const holder = tokenHolder(tokens, request.headers.authorization);
      if (!holder) {
        reply.header('www-authenticate', 'Bearer realm="slaguard"');
        await reply.code(401).send({ error: 'unauthorized', message: tokens.length === 0 ? 'no API tokens are configured (server.auth.tokens)' : 'a valid bearer token is required' });
        return reply;
      }
      if (RANK[holder.role] < RANK[role]) {
        await reply.code(403).send({ error: 'forbidden', message: `role "${holder.role}" may not do this; "${role}" is needed` });
        return reply;
      }
      holders.set(request, holder.name);
      request.log.debug({ token_name: holder.name, role: holder.role }, 'authorised');
    };
}
