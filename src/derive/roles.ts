import type { Role } from '../facts/constants.js';

/**
 * Whether a role is in the Advice team, the "Department" of P3: an `adviser` or the `advice-lead`.
 *
 * @example
 * inAdviceTeam('advice-lead'); // true
 * inAdviceTeam('dpo'); // false
 * @see P3
 */
export function inAdviceTeam(role: Role): boolean {
  return role === 'adviser' || role === 'advice-lead';
}

/**
 * The line manager a breach of confidentiality is raised with (5.4.1): an adviser's is the Advice Service
 * Lead; the Advice Service Lead's is the Student Focus and Advice Manager. The policy names no other, so any
 * other role gets `null` (and the rules fail closed).
 *
 * @example
 * lineManager('adviser'); // 'advice-lead'
 * lineManager('advice-lead'); // 'advice-manager'
 * lineManager('dpo'); // null
 * @see 5.4.1
 */
export function lineManager(role: Role): Role | null {
  if (role === 'adviser') return 'advice-lead';
  if (role === 'advice-lead') return 'advice-manager';
  return null;
}

/**
 * Whether `decider` may decide a breach raised by `raiser` (5.4.3, 5.5.2): the raiser's line manager, the
 * Student Focus and Advice Manager, the Chief Executive or an appointed manager (6.1.6) — never an adviser
 * and never the raiser (5.5.4).
 *
 * @example
 * mayDecideBreach('chief-executive', 'adviser'); // true
 * mayDecideBreach('advice-lead', 'advice-lead'); // false (5.5.4)
 * @see 5.5.2
 */
export function mayDecideBreach(decider: Role, raiser: Role): boolean {
  if (decider === 'adviser' || decider === raiser) return false;
  return (
    decider === lineManager(raiser) ||
    decider === 'advice-manager' ||
    decider === 'chief-executive' ||
    decider === 'appointed-manager'
  );
}
