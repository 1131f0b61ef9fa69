import type { FastifyRequest } from 'fastify';
import type { Tx } from '../../db/client.ts';
import { grantsAllow, type Grant, type Role } from '../../kernel/auth/roles.ts';
import { errors } from '../../http/errors.ts';
import { ancestry } from '../agencies/repo.ts';

/** Who is acting: the logged-in person with their grants. */
export interface Principal {
  userId: string;
  username: string;
  fullName: string;
  grants: Grant[];
  sessionId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function requireUser(req: FastifyRequest): Principal {
  if (!req.principal) throw errors.unauthenticated();
  return req.principal;
}

/** The person holds one of the roles somewhere (any agency or system-wide). */
export function requireAnyRole(req: FastifyRequest, roles: readonly Role[]): Principal {
  const p = requireUser(req);
  if (!p.grants.some((g) => roles.includes(g.role))) throw errors.forbidden();
  return p;
}

export function hasSystemRole(p: Principal, roles: readonly Role[]): boolean {
  return grantsAllow(p.grants, roles, null);
}

/** Whether the person holds one of the roles at the agency (granted there or above). */
export async function mayActAt(tx: Tx, p: Principal, roles: readonly Role[], agencyId: string | null): Promise<boolean> {
  if (agencyId === null) return hasSystemRole(p, roles);
  if (hasSystemRole(p, roles)) return true;
  const chain = await ancestry(tx, agencyId);
  return grantsAllow(p.grants, roles, chain);
}

export async function requireRoleAt(
  tx: Tx,
  req: FastifyRequest,
  roles: readonly Role[],
  agencyId: string | null,
  message?: string,
): Promise<Principal> {
  const p = requireUser(req);
  if (!(await mayActAt(tx, p, roles, agencyId))) throw errors.forbidden(message);
  return p;
}
