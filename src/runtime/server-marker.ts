import * as fs from 'fs';
import * as path from 'path';

/** `data/server.json` says a server owns this data directory (its pid and port). */
export interface ServerMarker {
  pid: number;
  port: number;
  startedAt: string;
}

const file = (dataDir: string) => path.join(dataDir, 'server.json');

export function writeServerMarker(dataDir: string, port: number, startedAt: string): void {
  fs.writeFileSync(file(dataDir), JSON.stringify({ pid: process.pid, port, startedAt }), { mode: 0o600 });
  const remove = () => removeServerMarker(dataDir);
  process.once('exit', remove);
}

export function removeServerMarker(dataDir: string): void {
  try {
    const marker = JSON.parse(fs.readFileSync(file(dataDir), 'utf8')) as ServerMarker;
    if (marker.pid === process.pid) fs.rmSync(file(dataDir), { force: true });
  } catch {
    // no marker: nothing to remove
  }
}

/** The running server on this data directory, or null when none is alive. */
export function runningServer(dataDir: string): ServerMarker | null {
  try {
    const marker = JSON.parse(fs.readFileSync(file(dataDir), 'utf8')) as ServerMarker;
    process.kill(marker.pid, 0);
    return marker.pid === process.pid ? null : marker;
  } catch {
    return null;
  }
}
