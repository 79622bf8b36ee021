import * as fs from 'fs';
import * as path from 'path';

const here = path.join(__dirname, 'fixtures');
/** The project's own EDGAR-format fixtures (made-up issuers and values); also found from the compiled dist/. */
export const FIXTURE_DIR = fs.existsSync(here) ? here : here.replace(`${path.sep}dist${path.sep}test${path.sep}`, `${path.sep}test${path.sep}`);

export function fixturePath(name: string): string {
  return path.join(FIXTURE_DIR, name);
}

export function fixture(name: string): string {
  return fs.readFileSync(fixturePath(name), 'utf8');
}
