// A worker thread of `upsu-policy audit --workers N`: audits the batches of lines it is sent and posts back
// each batch's report text and counts. The main thread reads the file and puts the results back in order.
import { parentPort, workerData } from 'node:worker_threads';
import { defaultPolicy } from '../decision/default-policy.js';
import { loadPolicy } from '../engine/load-dir.js';
import { type BatchJob, createBatchAuditor } from './batch.js';
import type { FormatSetup } from './format.js';

/** What the main thread gives each worker. */
export interface WorkerSetup {
  readonly asOf: string;
  readonly rulesDir?: string;
  readonly format: FormatSetup;
}

const setup = workerData as WorkerSetup;
const policy = setup.rulesDir ? loadPolicy(setup.rulesDir) : defaultPolicy();
const auditor = createBatchAuditor(policy, setup.asOf, setup.format);
parentPort?.on('message', (job: BatchJob) => {
  const result = auditor.run(job);
  // The batch's buffer goes back to the main thread for the next batch.
  const buffer = job.bytes.buffer as ArrayBuffer;
  parentPort?.postMessage({ ...result, buffer }, [buffer]);
});
