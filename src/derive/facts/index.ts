import type { FactCatalogue } from '../context.js';
import { breachFacts } from './breach.js';
import { disclosureFacts } from './disclosure.js';
import {
  accessFacts,
  contactFacts,
  policyReviewFacts,
  recordingFacts,
  retentionFacts,
  staffReadinessFacts,
  statisticsReleaseFacts,
  storageFacts,
  subjectAccessFacts,
} from './others.js';

/** The facts each question kind's rules may read. A rule naming any other fact does not load. */
export const FACTS: Readonly<Record<string, FactCatalogue<never>>> = {
  disclosure: disclosureFacts as FactCatalogue<never>,
  access: accessFacts as FactCatalogue<never>,
  contact: contactFacts as FactCatalogue<never>,
  recording: recordingFacts as FactCatalogue<never>,
  'statistics-release': statisticsReleaseFacts as FactCatalogue<never>,
  'subject-access': subjectAccessFacts as FactCatalogue<never>,
  retention: retentionFacts as FactCatalogue<never>,
  breach: breachFacts as FactCatalogue<never>,
  'policy-review': policyReviewFacts as FactCatalogue<never>,
  'staff-readiness': staffReadinessFacts as FactCatalogue<never>,
  storage: storageFacts as FactCatalogue<never>,
};
