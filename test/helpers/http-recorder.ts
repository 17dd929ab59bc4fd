import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** One request a recorder received. */
export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the recorder answers: status and body (JSON-encoded when not a string). */
export type Answer = { status: number; body?: unknown; delayMs?: number };

/**
 * A real HTTP server on 127.0.0.1 that keeps every request and answers with `answer` (settable).
 * `stop()` and `restart()` keep the same port, for a receiver that is down for a while.
 */
export async function startRecorder(answer: (req: Recorded) => Answer = () => ({ status: 200, body: { ok: true } })) {
  const requests: Recorded[] = [];
  let port = 0;
  let server: Server | undefined;
  const state = { answer };
  const listen = () => new Promise<void>((resolve, reject) => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rec = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        requests.push(rec);
        const a = state.answer(rec);
        const send = () => {
          res.writeHead(a.status, { 'content-type': 'application/json' });
          res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body ?? {}));
        };
        if (a.delayMs) setTimeout(send, a.delayMs);
        else send();
      });
    });
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      port = (server!.address() as { port: number }).port;
      resolve();
    });
  });
  await listen();
  return {
    requests,
    get url() { return `http://127.0.0.1:${port}`; },
    setAnswer(fn: (req: Recorded) => Answer) { state.answer = fn; },
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); });
    },
    restart: listen,
  };
}
