/**
 * Whether consent counts under 2.1: given, by the signed Consent to Share or by email. Verbal consent does
 * not count; consent with no method stated does not count either (fail closed).
 *
 * @example
 * consentCounts({ given: true, method: 'email' }); // true
 * consentCounts({ given: true, method: 'verbal' }); // false
 * @see 2.1
 */
export function consentCounts(consent: { given: boolean; method?: string | undefined } | undefined): boolean {
  return consent?.given === true && (consent.method === 'consent-to-share' || consent.method === 'email');
}
