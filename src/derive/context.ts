import type { Role } from '../facts/constants.js';
import type { BreachChain } from './breach-chain.js';
import { today } from './dates.js';
import { type PolicyRoles, UPSU_ROLES } from './roles.js';

/**
 * Settings a policy's rules folder may give (`rules/policy.json` → `settings`), or a caller may override.
 *
 * @example
 * import { bundledRules, createPolicy } from 'upsu-confidentiality-policy';
 * createPolicy(bundledRules, { settings: { smallCountThreshold: 10 } }).settings.smallCountThreshold; // 10
 * @see 4.3
 */
export interface PolicySettings extends PolicyRoles {
  /** A statistics cell smaller than this is a small count that could identify a client (4.3). Default 5. */
  smallCountThreshold: number;
  /**
   * How many days after its `destroyAfter` a record may still be destroyed on time, for the audit (3.3: "kept for
   * 1 year …, after which they will be destroyed" sets no limit). Default 1, the strictest: destroyed by the day
   * after. An organisation whose deletion runs monthly might say 31. Whole days, 1–366.
   */
  destructionWithinDays: number;
  /**
   * How many calendar years a case record is kept after the client's degree is completed: `destroyAfter` is the
   * completion date plus this many years (3.3: "kept for 1 year following the completion of the client's degree").
   * Default 1. Whole years, 1–100.
   */
  retentionYears: number;
  /**
   * How many calendar years may pass between reviews of the policy before the review is `overdue` (6.4: "reviewed
   * annually"). Default 1. Whole years, 1–10.
   */
  reviewIntervalYears: number;
  /**
   * How the policy book and its checker name each role, for people: role → label (`{ "dpo": "Data Protection
   * Officer" }`). A role not given keeps its built-in label (UPSU's). Keys are roles of the contract; labels are
   * not blank. Never read by a decision. Default `{}`.
   */
  roleLabels: Readonly<Partial<Record<Role, string>>>;
  /**
   * The policy's own column names that identify a client in a statistics table (4.2), besides the built-in ones:
   * a column whose name, normalised as the built-in list is (Unicode compatibility forms, invisible characters,
   * case and every character but A–Z and 0–9 left out), carries one of these anywhere in it counts as identifying,
   * unless only a count word follows it (`hallRoomCount`). They only add; every built-in check still applies.
   * Default `[]`.
   */
  identifyingColumns: readonly string[];
}

/** The value of each optional setting when neither policy.json nor the caller gives it. */
export const DEFAULT_SETTINGS: Readonly<Omit<PolicySettings, 'smallCountThreshold'>> = Object.freeze({
  destructionWithinDays: 1,
  retentionYears: 1,
  reviewIntervalYears: 1,
  roleLabels: Object.freeze({}),
  identifyingColumns: Object.freeze([]),
  ...UPSU_ROLES,
});

/** What a fact derivation may read besides the question: the date asked, the settings, per-call memos. */
export class FactContext {
  // `private`, not `#`: a `#private` field puts `#private;` in the published .d.ts, which TypeScript refuses
  // when a consumer's target is below ES2015 (FactContext is in the public types through FactDefinition).
  private asOfGiven: string | undefined;
  /** Memo of the breach-chain analysis for this call (several breach facts read it). */
  chain: BreachChain | undefined;
  constructor(
    readonly settings: PolicySettings,
    asOf: string | undefined,
  ) {
    this.asOfGiven = asOf;
  }
  /** The question's `asOf`, or today's date in the UK when it has none. */
  get asOf(): string {
    if (this.asOfGiven === undefined) this.asOfGiven = today();
    return this.asOfGiven;
  }
}

/** A fact's value: what a rule condition compares. `null` means "not known / not given". */
export type FactValue = string | number | boolean | null | readonly string[] | { readonly [k: string]: unknown };

/** The kinds of fact value, for rule integrity checks and the generated docs. */
export type FactType = 'boolean' | 'string' | 'number' | 'date' | 'string[]' | 'object';

/** One fact a question's rules may read: what it means, its type, and the small function that derives it. */
export interface FactDefinition<Q> {
  /** Plain English, as the generated docs show it in a condition: "the recipient's role". */
  readonly description: string;
  /** Where the meaning depends on the policy's settings: the description with their values, for the docs. */
  readonly describe?: (settings: PolicySettings) => string;
  readonly type: FactType;
  /** For string facts with a closed set of values: the values a rule may compare it with. */
  readonly values?: readonly string[];
  readonly derive: (question: Q, ctx: FactContext) => FactValue;
}

/** The facts of one question kind, by name. */
export type FactCatalogue<Q> = Readonly<Record<string, FactDefinition<Q>>>;

/** Declares a fact catalogue with its question type checked. */
export function facts<Q>(catalogue: FactCatalogue<Q>): FactCatalogue<Q> {
  return catalogue;
}
