// Cold start, measured inside a fresh process: import dist/index.js and decide one disclosure question (which
// compiles the bundled policy). `performance.now()` counts from the process's start, so `process` is the whole
// start-up including Node's own. Prints one JSON line (milliseconds).
const t0 = performance.now();
const lib = await import(new URL('../dist/index.js', import.meta.url).href);
const t1 = performance.now();
lib.evaluate({
  question: 'disclosure',
  actor: { role: 'adviser' },
  recipient: { role: 'third-party', name: 'parent' },
  information: { kind: 'presence', identifiable: true },
});
const t2 = performance.now();
process.stdout.write(`${JSON.stringify({ import: t1 - t0, first: t2 - t1, total: t2 - t0, process: t2 })}\n`);
