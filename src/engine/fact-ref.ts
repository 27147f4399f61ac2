/**
 * Whether a condition's value names another fact (`{ "fact": "destroyAfter" }`: compare with that fact's value)
 * rather than being a constant. The one test of it for the loader, both deciding paths, their traces, the mutation
 * run, the book and the CLI's explanation.
 *
 * @example
 * isFactRef({ fact: 'destroyAfter' }); // true
 * isFactRef(['adviser', 'advice-lead']); // false
 */
export function isFactRef(v: unknown): v is { fact: string } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { fact?: unknown }).fact === 'string';
}
