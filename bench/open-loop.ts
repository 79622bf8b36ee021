import * as http from 'http';

export interface LoadResult {
  sent: number;
  /** ms from the moment each request was due to its full answer (waiting to be sent counts: no coordinated omission) */
  latencies: number[];
  statuses: Record<string, number>;
}

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Open-loop load: request i is due at start + i / rate whatever the answers do; the clock checks
 * every millisecond and sends everything due. Traffic goes to 127.0.0.1 only.
 */
export async function openLoop(port: number, rate: number, durationSec: number, request: (i: number) => { path: string; body: string }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2048 });
  const total = Math.round(rate * durationSec);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const start = performance.now();
  let next = 0;
  let pending = 0;
  await new Promise<void>((resolve) => {
    const finished = () => {
      if (next >= total && pending === 0) resolve();
    };
    const send = (i: number) => {
      const due = start + (i * 1000) / rate;
      const { path, body } = request(i);
      pending++;
      const done = (status: string) => {
        latencies.push(performance.now() - due);
        statuses[status] = (statuses[status] ?? 0) + 1;
        pending--;
        finished();
      };
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => done(String(res.statusCode)));
      });
      // an answer that never comes counts as an error: the run stays bounded in time
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('no answer')));
      req.on('error', () => done('error'));
      req.end(body);
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      while (next < due) send(next++);
      if (next < total) setTimeout(tick, 1);
      else finished();
    };
    tick();
  });
  agent.destroy();
  return { sent: total, latencies, statuses };
}
