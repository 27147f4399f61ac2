// `node dist/demo.js`: the same as `upsu-policy demo`.
import { runDemo } from './demo-text.js';

process.stdout.write(runDemo());
