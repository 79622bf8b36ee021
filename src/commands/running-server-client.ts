import axios from 'axios';
import * as fs from 'fs';
import * as path from 'path';
import { AppConfig } from '../config/app-config';
import { CliInputError } from './cli-input';

/**
 * Commands that move broker state go through the server when one runs on this data directory:
 * it owns the paper exchange and the broker sessions. Authenticated with the API key.
 */
export async function postToRunningServer<T>(config: AppConfig, port: number, url: string, body: object = {}): Promise<T> {
  const key = config.apiKey ?? fs.readFileSync(path.join(config.dataDir, 'api-key'), 'utf8').trim();
  const res = await axios.post(`http://127.0.0.1:${port}${url}`, body, { headers: { Authorization: `Bearer ${key}` }, timeout: 30_000, validateStatus: () => true });
  if (res.status !== 200) throw new CliInputError(`server answered ${res.status}: ${JSON.stringify(res.data?.message ?? res.data)}`);
  return res.data as T;
}
