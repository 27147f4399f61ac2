/**
 * The operators a rule condition may use. The built-ins have exactly json-rules-engine 7.3's semantics
 * (a fact-type check, then the comparison); the custom ones are registered on the json-rules-engine
 * interpreter from this same table, so the compiled path and the interpreter share one definition.
 */
export interface OperatorDefinition {
  /** Checks the fact's value before comparing; a failed check makes the condition false. */
  readonly accepts: (factValue: unknown) => boolean;
  readonly test: (factValue: never, value: never) => boolean;
  /** Built into json-rules-engine (true) or registered by this library (false). */
  readonly builtIn: boolean;
  /** How the docs read it: "is", "is not", "is one of"… */
  readonly reads: string;
  /** The operator needs an array as its constant value. */
  readonly valueIsArray?: boolean;
}

const any = () => true;
const isNumber = (v: unknown) => Number.parseFloat(v as string).toString() !== 'NaN';
const isDate = (v: unknown) => typeof v === 'string';

export const OPERATORS: Readonly<Record<string, OperatorDefinition>> = {
  equal: { accepts: any, test: (a: unknown, b: unknown) => a === b, builtIn: true, reads: 'is' },
  notEqual: { accepts: any, test: (a: unknown, b: unknown) => a !== b, builtIn: true, reads: 'is not' },
  in: {
    accepts: any,
    test: (a: unknown, b: unknown[]) => b.indexOf(a) > -1,
    builtIn: true,
    reads: 'is one of',
    valueIsArray: true,
  },
  notIn: {
    accepts: any,
    test: (a: unknown, b: unknown[]) => b.indexOf(a) === -1,
    builtIn: true,
    reads: 'is none of',
    valueIsArray: true,
  },
  contains: {
    accepts: Array.isArray,
    test: (a: unknown[], b: unknown) => a.indexOf(b) > -1,
    builtIn: true,
    reads: 'includes',
  },
  doesNotContain: {
    accepts: Array.isArray,
    test: (a: unknown[], b: unknown) => a.indexOf(b) === -1,
    builtIn: true,
    reads: 'does not include',
  },
  lessThan: { accepts: isNumber, test: (a: number, b: number) => a < b, builtIn: true, reads: 'is less than' },
  lessThanInclusive: { accepts: isNumber, test: (a: number, b: number) => a <= b, builtIn: true, reads: 'is at most' },
  greaterThan: { accepts: isNumber, test: (a: number, b: number) => a > b, builtIn: true, reads: 'is more than' },
  greaterThanInclusive: {
    accepts: isNumber,
    test: (a: number, b: number) => a >= b,
    builtIn: true,
    reads: 'is at least',
  },
  /** Calendar dates `YYYY-MM-DD` compare as strings; a missing date (`null`) makes the condition false. */
  dateAfter: {
    accepts: isDate,
    test: (a: string, b: unknown) => typeof b === 'string' && a > b,
    builtIn: false,
    reads: 'is after',
  },
  dateOnOrBefore: {
    accepts: isDate,
    test: (a: string, b: unknown) => typeof b === 'string' && a <= b,
    builtIn: false,
    reads: 'is on or before',
  },
};

/** Applies an operator as json-rules-engine would: the fact-type check, then the test. */
export function applyOperator(op: OperatorDefinition, factValue: unknown, value: unknown): boolean {
  return op.accepts(factValue) && op.test(factValue as never, value as never);
}
