// The binary (dist/cli.js): starts the audit worker threads an `audit --workers N` command will use, so they
// load their policy while the command line loads, then runs the command line.
import { prespawnAuditWorkers } from '../audit/prespawn.js';

prespawnAuditWorkers(process.argv.slice(2), new URL('./audit-worker.js', import.meta.url));
await import('./main.js');
