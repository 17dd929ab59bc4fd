import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server whose every answer is 200 with a body that never ends (1 MiB chunks, with backpressure). */
export interface EndlessServer {
  url: string;
  /** Bytes written on the last connection, and whether the client has closed it. */
  last(): { sent: number; closed: boolean };
  close(): Promise<void>;
}

/** Starts an endless-body server on 127.0.0.1 (`contentLength` announces a length, as a lying server would). */
export async function startEndlessServer(contentLength?: number): Promise<EndlessServer> {
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  let current = { sent: 0, closed: false };
  const server = http.createServer((_req, res) => {
    const state = { sent: 0, closed: false };
    current = state;
    res.writeHead(200, { 'content-type': 'text/plain', ...(contentLength !== undefined ? { 'content-length': contentLength } : {}) });
    res.on('close', () => (state.closed = true));
    const pump = () => {
      while (!state.closed) {
        state.sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    last: () => ({ ...current }),
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
