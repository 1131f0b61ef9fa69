import { z } from 'zod';
import { ROLE_IDS } from '../../kernel/auth/roles.ts';

export const zRole = z.enum(ROLE_IDS);

export const zUser = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  roles: z.array(zRole),
  grants: z.array(z.object({ role: zRole, agencyId: z.string().nullable(), agencyName: z.string().nullable() })),
});

export const zGrantInput = z.object({ role: zRole, agencyId: z.string().max(100).nullish() });

const zPhone = z
  .string()
  .trim()
  .regex(/^(\+84|0)[0-9]{8,10}$/, 'Số điện thoại không hợp lệ (ví dụ 0912345678).');

export const zNewUser = z.object({
  username: z.string().trim().min(3).max(64),
  password: z.string().min(1).max(200),
  fullName: z.string().trim().min(1).max(200),
  email: z.email().max(200).nullish().or(z.literal('')),
  phone: zPhone.nullish().or(z.literal('')),
  grants: z.array(zGrantInput).max(50).default([]),
});

export const zUserPatch = z.object({
  fullName: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(200).nullish().or(z.literal('')),
  phone: zPhone.nullish().or(z.literal('')),
  active: z.boolean().optional(),
  password: z.string().min(1).max(200).optional(),
  grants: z.array(zGrantInput).max(50).optional(),
});
