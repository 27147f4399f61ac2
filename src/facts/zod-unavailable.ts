import { brandedInstanceOf } from '../decision/errors.js';

const ZOD_UNAVAILABLE_ERROR = Symbol.for('upsu-confidentiality-policy.ZodUnavailableError');

/**
 * Thrown when zod fails to load where it is needed — as it does when `Object.prototype` has enumerable properties
 * added to it before zod is first needed (zod and the bundle's module helpers enumerate objects with `for…in`).
 * zod is loaded on first need: {@link jsonSchema}, {@link createPolicy} and {@link loadPolicy} of rules other than
 * the bundled ones (their formats are checked with it), and {@link auditCase} of a case the quick check refuses
 * throw this error when it fails. A question that is not valid is still refused by {@link evaluate} and
 * {@link safeEvaluate}, with one `invalid` issue at `[]` instead of its problems. A bundled application that cannot
 * load `dist/zod-schemas.cjs` (not shipped beside the bundle) gets a plain `Error` saying how to deploy instead,
 * from `evaluate` and `safeEvaluate` of a question that is not valid too. Nothing is ever decided without the check
 * it was needed for.
 *
 * @example
 * import { createPolicy, readRulesFolder, ZodUnavailableError } from 'upsu-confidentiality-policy';
 * const myRules = readRulesFolder('./rules');
 * try {
 *   createPolicy(myRules); // checks a rules folder's formats with zod
 * } catch (e) {
 *   if (e instanceof ZodUnavailableError) console.error(e.message);
 * }
 * @see P1
 */
export class ZodUnavailableError extends Error {
  override readonly name = 'ZodUnavailableError';
  /** Stable code of the error itself. */
  readonly code = 'zod-unavailable';
  // `{ cause?: unknown }`, not `ErrorOptions`: that type is in TypeScript's ES2022 lib, and the published types must
  // compile with a consumer's ES2015 lib (README, "Public API").
  /** For the library's own use: callers read errors, they do not make them. */
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.defineProperty(this, ZOD_UNAVAILABLE_ERROR, { value: true });
  }
  /** `e instanceof ZodUnavailableError` holds for one thrown by the package's other build (ESM / CommonJS) too. */
  static override [Symbol.hasInstance](x: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked of: a subclass keeps the prototype check
    return zodUnavailableErrorInstanceOf.call(this, x);
  }
}
const zodUnavailableErrorInstanceOf = brandedInstanceOf(ZodUnavailableError, ZOD_UNAVAILABLE_ERROR);
