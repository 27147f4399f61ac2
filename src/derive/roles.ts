import { ROLES, type Role } from '../facts/constants.js';

/**
 * Who is who in a policy (`rules/policy.json` → `settings`): the Advice team, each role's line manager, and who
 * may decide a breach of confidentiality. The bundled values are UPSU's (`rules/policy.json`); an advice service
 * adapting the rules states its own.
 *
 * @example
 * import { bundledRules, createPolicy } from 'upsu-confidentiality-policy';
 * // Only the Chief Executive decides a breach (policy.json settings, or createPolicy's):
 * createPolicy(bundledRules, { settings: { breachDeciders: ['chief-executive'] } }).settings.breachDeciders;
 * // ['chief-executive']
 * @see 5.5.2
 */
export interface PolicyRoles {
  /** The roles of the Advice team, the "Department" of P3. */
  readonly adviceTeam: readonly Role[];
  /** Each role's line manager, whom a breach is raised with (5.4.1); a role not listed has none (fail closed). */
  readonly lineManagers: Readonly<Partial<Record<Role, Role>>>;
  /**
   * Who may decide a breach (5.4.3, 5.5.2): roles, and `line-manager` for the raiser's line manager. Never an
   * adviser, never the raiser (5.5.4), whatever is listed.
   */
  readonly breachDeciders: readonly (Role | 'line-manager')[];
}

/**
 * UPSU's roles: the Advice team is the advisers and the Advice Service Lead (P3); an adviser's line manager is
 * the Advice Service Lead, the Advice Service Lead's the Student Focus and Advice Manager (5.4.1); a breach is
 * decided by the raiser's line manager, the Student Focus and Advice Manager, the Chief Executive or an appointed
 * manager (5.4.3, 5.5.2, 6.1.6).
 *
 * @example
 * UPSU_ROLES.lineManagers.adviser; // 'advice-lead'
 * @see 5.4.1
 */
export const UPSU_ROLES: PolicyRoles = Object.freeze({
  adviceTeam: Object.freeze(['adviser', 'advice-lead'] as Role[]),
  lineManagers: Object.freeze({ adviser: 'advice-lead', 'advice-lead': 'advice-manager' } as Partial<
    Record<Role, Role>
  >),
  breachDeciders: Object.freeze(['line-manager', 'advice-manager', 'chief-executive', 'appointed-manager'] as (
    | Role
    | 'line-manager'
  )[]),
});

/** A policy's roles as lookups, worked out once per roles object: these are read on every breach decision. */
interface RoleIndex {
  /** The roles are UPSU's (the bundled policy's): the hot paths compare with constants instead of looking up. */
  readonly upsu: boolean;
  readonly team: Readonly<Record<string, true | undefined>>;
  readonly manager: Readonly<Record<string, Role | undefined>>;
  /** raiser → decider → may decide. */
  readonly may: Readonly<Record<string, Readonly<Record<string, true | undefined>>>>;
  /** Roles that may decide some raiser's breach. */
  readonly deciders: Readonly<Record<string, true | undefined>>;
}

const indexes = new WeakMap<PolicyRoles, RoleIndex>();
let lastRoles: PolicyRoles | undefined;
let lastIndex: RoleIndex | undefined;

function indexOf(roles: PolicyRoles): RoleIndex {
  if (roles === lastRoles) return lastIndex as RoleIndex;
  let index = indexes.get(roles);
  if (!index) {
    // Objects without a prototype: a role name can only find what the policy says.
    const team: Record<string, true> = Object.create(null);
    for (const r of roles.adviceTeam) team[r] = true;
    const manager: Record<string, Role> = Object.create(null);
    for (const r of ROLES)
      if (Object.hasOwn(roles.lineManagers, r) && roles.lineManagers[r]) manager[r] = roles.lineManagers[r];
    const may: Record<string, Record<string, true>> = Object.create(null);
    const deciders: Record<string, true> = Object.create(null);
    for (const raiser of ROLES) {
      const row: Record<string, true> = Object.create(null);
      for (const d of roles.breachDeciders) {
        const decider = d === 'line-manager' ? manager[raiser] : d;
        // Never an adviser, never the raiser (5.5.4).
        if (decider !== undefined && decider !== 'adviser' && decider !== raiser)
          row[decider] = deciders[decider] = true;
      }
      may[raiser] = row;
    }
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    const upsu =
      same(roles.adviceTeam, UPSU_ROLES.adviceTeam) &&
      same(roles.breachDeciders, UPSU_ROLES.breachDeciders) &&
      ROLES.every((r) => manager[r] === UPSU_ROLES.lineManagers[r]);
    index = { upsu, team, manager, may, deciders };
    indexes.set(roles, index);
  }
  lastRoles = roles;
  lastIndex = index;
  return index;
}

/**
 * Whether a role is in the Advice team, the "Department" of P3 (UPSU's: an `adviser` or the `advice-lead`).
 *
 * @example
 * inAdviceTeam('advice-lead'); // true
 * inAdviceTeam('dpo'); // false
 * @see P3
 */
export function inAdviceTeam(role: Role, roles: PolicyRoles = UPSU_ROLES): boolean {
  const ix = indexOf(roles);
  return ix.upsu ? role === 'adviser' || role === 'advice-lead' : ix.team[role] === true;
}

/**
 * The line manager a breach of confidentiality is raised with (5.4.1): UPSU's adviser's is the Advice Service
 * Lead; the Advice Service Lead's is the Student Focus and Advice Manager. A role the policy names no line manager
 * for gets `null` (and the rules fail closed).
 *
 * @example
 * lineManager('adviser'); // 'advice-lead'
 * lineManager('advice-lead'); // 'advice-manager'
 * lineManager('dpo'); // null
 * @see 5.4.1
 */
export function lineManager(role: Role, roles: PolicyRoles = UPSU_ROLES): Role | null {
  const ix = indexOf(roles);
  if (ix.upsu) return role === 'adviser' ? 'advice-lead' : role === 'advice-lead' ? 'advice-manager' : null;
  return ix.manager[role] ?? null;
}

/**
 * Whether `decider` may decide a breach raised by `raiser` (5.4.3, 5.5.2): one of the policy's breach deciders
 * (UPSU's: the raiser's line manager, the Student Focus and Advice Manager, the Chief Executive or an appointed
 * manager, 6.1.6) — never an adviser and never the raiser (5.5.4).
 *
 * @example
 * mayDecideBreach('chief-executive', 'adviser'); // true
 * mayDecideBreach('advice-lead', 'advice-lead'); // false (5.5.4)
 * @see 5.5.2
 */
export function mayDecideBreach(decider: Role, raiser: Role, roles: PolicyRoles = UPSU_ROLES): boolean {
  const ix = indexOf(roles);
  if (!ix.upsu) return ix.may[raiser]?.[decider] === true;
  // UPSU's deciders as constants (the same answers as the lookup: test/roles.test.ts compares every pair).
  if (decider === 'adviser' || decider === raiser) return false;
  return (
    decider === lineManager(raiser, roles) ||
    decider === 'advice-manager' ||
    decider === 'chief-executive' ||
    decider === 'appointed-manager'
  );
}

/**
 * Whether a role may decide somebody's breach of confidentiality under the policy's roles (5.4.3, 5.5.2): one who
 * "may take on the role of Manager in cases considering breaching confidentiality" (6.1.6). UPSU's: the Advice
 * Service Lead (an adviser's line manager), the Student Focus and Advice Manager, the Chief Executive and an
 * appointed manager.
 *
 * @example
 * decidesBreaches('advice-manager'); // true
 * decidesBreaches('dpo'); // false
 * @see 6.1.6
 */
export function decidesBreaches(role: Role, roles: PolicyRoles = UPSU_ROLES): boolean {
  return indexOf(roles).deciders[role] === true;
}
