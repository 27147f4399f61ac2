// A worker thread of `upsu-policy audit --workers N`: audits the batches of lines it is sent and posts back
// each batch's report text and counts. The main thread reads the file and puts the results back in order.
// It loads and compiles its policy as soon as it starts (perhaps before the main thread knows the audit's
// date and format: those come in a first message).
import { parentPort, workerData } from 'node:worker_threads';
import { defaultPolicy } from '../decision/default-policy.js';
import { loadPolicy } from '../engine/load-dir.js';
import { type BatchAuditor, type BatchJob, createBatchAuditor } from './batch.js';
import type { FormatSetup } from './format.js';
import type { WorkerStart } from './prespawn.js';

/** The first message a worker is sent: what the audit is. */
export interface AuditSetup {
  readonly asOf: string;
  readonly format: FormatSetup;
}

const start = workerData as WorkerStart;
const policy = start.rulesDir ? loadPolicy(start.rulesDir) : defaultPolicy();
let auditor: BatchAuditor | undefined;
parentPort?.on('message', (m: BatchJob | AuditSetup) => {
  if (!auditor) {
    const setup = m as AuditSetup;
    auditor = createBatchAuditor(policy, setup.asOf, setup.format);
    return;
  }
  const job = m as BatchJob;
  const result = auditor.run(job);
  // The batch's buffer goes back to the main thread for the next batch.
  const buffer = job.bytes.buffer as ArrayBuffer;
  parentPort?.postMessage({ ...result, buffer }, [buffer]);
});
