import * as fs from 'fs';
import * as path from 'path';

/** Reads a secret file, or creates it (mode 0600) with `make()` on first start. */
export function readOrCreateSecretFile(file: string, make: () => string): { value: string; created: boolean } {
  if (fs.existsSync(file)) {
    return { value: fs.readFileSync(file, 'utf8').trim(), created: false };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = make();
  fs.writeFileSync(file, `${value}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { value, created: true };
}
