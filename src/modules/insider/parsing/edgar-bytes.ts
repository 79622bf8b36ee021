/**
 * EDGAR documents are UTF-8 in practice, but the Atom feeds declare ISO-8859-1 and old filings
 * carry Latin-1 bytes: decode as UTF-8 when the bytes are valid UTF-8, else as Latin-1.
 */
export function decodeEdgarBytes(bytes: Buffer): string {
  const head = bytes.subarray(0, 200).toString('latin1');
  if (/encoding=["']ISO-8859-1["']/i.test(head)) return bytes.toString('latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}
