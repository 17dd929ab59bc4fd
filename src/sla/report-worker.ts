import { parentPort, workerData } from 'node:worker_threads';
import { renderAgency, type RenderJob, type RenderSetup } from './report-render.ts';
import { openDbReadOnly } from '../store/db.ts';

const setup = workerData as RenderSetup;
const db = openDbReadOnly(setup.dbPath);
parentPort!.on('message', (job: RenderJob | null) => {
  if (job === null) {
    db.close();
    parentPort!.close();
    return;
  }
  renderAgency(db, setup, job).then((r) => parentPort!.postMessage(r), (err: Error) => parentPort!.postMessage({ agency: job.agency, files: [], warnings: [], bytes: {}, cpu: { compute: 0 }, outages: 0, error: err.stack ?? err.message }));
});
