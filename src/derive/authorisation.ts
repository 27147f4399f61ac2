import type { Role } from '../facts/constants.js';
import { mayDecideBreach, type PolicyRoles, UPSU_ROLES } from './roles.js';

/** Where a disclosure's breach authorisation stands (5.5.2–5.5.4). */
export type AuthorisationStatus =
  | 'none'
  | 'counts'
  | 'refused'
  | 'adviser-or-actor'
  | 'role-may-not-decide'
  | 'no-written-record';

export const AUTHORISATION_STATUSES: readonly AuthorisationStatus[] = [
  'none',
  'counts',
  'refused',
  'adviser-or-actor',
  'role-may-not-decide',
  'no-written-record',
];

/**
 * Whether an authorisation to breach confidentiality counts (5.5.2): agreed, with a written record, by one of the
 * policy's breach deciders (UPSU's: the actor's line manager, the advice manager, the chief executive or an
 * appointed manager) — never by an
 * adviser or by the actor (5.5.4). Any refusal is `refused`: nothing is disclosed on it (5.5.3), though only one by
 * someone who may decide is the final one (the advisory `refusal-not-by-a-decider` says so of the others).
 *
 * @example
 * authorisationStatus({ decidedBy: 'advice-lead', agreed: true, writtenRecord: true }, 'adviser'); // 'counts'
 * authorisationStatus({ decidedBy: 'adviser', agreed: true, writtenRecord: true }, 'adviser'); // 'adviser-or-actor'
 * @see 5.5.2
 */
export function authorisationStatus(
  authorisation: { decidedBy: Role; agreed: boolean; writtenRecord?: boolean | undefined } | undefined,
  actor: Role,
  roles: PolicyRoles = UPSU_ROLES,
): AuthorisationStatus {
  if (!authorisation) return 'none';
  if (authorisation.agreed !== true) return 'refused';
  if (authorisation.decidedBy === 'adviser' || authorisation.decidedBy === actor) return 'adviser-or-actor';
  if (!mayDecideBreach(authorisation.decidedBy, actor, roles)) return 'role-may-not-decide';
  if (authorisation.writtenRecord !== true) return 'no-written-record';
  return 'counts';
}
