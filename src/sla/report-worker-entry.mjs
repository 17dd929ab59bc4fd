// A report worker thread's entry: the TypeScript sources run through tsx's loader, as in bin/slaguard.js.
import { register } from 'tsx/esm/api';

register();
await import('./report-worker.ts');
