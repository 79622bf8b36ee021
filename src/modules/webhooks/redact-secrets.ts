/**
 * Peers put their secret in the alert body (CrossTrade `key`, PickMyTrade `token`, 3Commas
 * `secret`...). The raw body is stored and shown for audit, so the secret's value is replaced
 * before it is stored or written anywhere: JSON string or number values, `key=value` pairs and
 * nested objects (PickMyTrade `multiple_accounts[].token`) alike.
 */

export const REDACTED = '***';

const SECRET_KEYS = ['key', 'token', 'secret', 'password', 'passphrase', 'api_key', 'apikey', 'api_secret', 'access_token', 'auth', 'authorization'];
const SECRET_NAME = SECRET_KEYS.map((k) => k.replace('_', '[_-]?')).join('|');

/** "token": "abc" / "token" : 123 (any nesting level; a value's own escaped quotes are kept inside) */
const JSON_SECRET = new RegExp(`("(?:${SECRET_NAME})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|-?[\\d.eE+-]+)`, 'gi');
/** key=abc; token = abc (up to the next separator) */
const PAIR_SECRET = new RegExp(`(^|[;,&\\s{])((?:${SECRET_NAME})\\s*=\\s*)([^;,&\\r\\n]*)`, 'gi');

export function redactSecrets(body: string): string {
  return body
    .replace(JSON_SECRET, (_match, name: string) => `${name}"${REDACTED}"`)
    .replace(PAIR_SECRET, (_match, lead: string, name: string, value: string) => (value.trim() === '' ? `${lead}${name}${value}` : `${lead}${name}${REDACTED}`));
}
