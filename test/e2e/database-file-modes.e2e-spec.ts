import * as fs from 'fs';
import * as path from 'path';
import { anAccount } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** Issue 10 (8): the database and its -wal/-shm hold every trade and the encrypted credentials: owner only. */
describe('database file modes', () => {
  let t: TestApp;
  let umask: number;
  beforeAll(async () => {
    umask = process.umask(0o022); // a usual shell umask: new files would be 0644
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    process.umask(umask);
  });

  it('the SQLite file, -wal and -shm are 0600 even when the process umask would leave them 0644', async () => {
    await anAccount(t);
    const modes = ['just-trades.db', 'just-trades.db-wal', 'just-trades.db-shm'].map((name) => `${name} ${(fs.statSync(path.join(t.dataDir, name)).mode & 0o777).toString(8)}`);
    expect(modes).toEqual(['just-trades.db 600', 'just-trades.db-wal 600', 'just-trades.db-shm 600']);
  });
});
