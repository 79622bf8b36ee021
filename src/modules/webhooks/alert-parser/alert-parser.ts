import { AlertParseError, ParsedAlert } from '../parsed-alert';
import { parseJsonAlert } from './json-alert';
import { parseTextAlert } from './text-alert';
import { ParseOptions } from './value-readers';

/**
 * Entry point: one raw webhook body (whatever the Content-Type said) into one ParsedAlert.
 * Pure: no clock, no I/O. Throws only AlertParseError, and only for bodies that can never
 * succeed (the webhook answers 400 with its message, field and hint).
 */
export function parseAlert(rawBody: string, opts: ParseOptions = {}): ParsedAlert {
  try {
    return parseBody(rawBody, opts);
  } catch (error) {
    if (error instanceof AlertParseError) throw error;
    // a parser defect must still reach the trader as a readable 400, never a crash of the webhook
    const reason = error instanceof Error ? error.message : String(error);
    throw new AlertParseError(`The alert could not be read (${reason}).`);
  }
}

function parseBody(rawBody: string, opts: ParseOptions): ParsedAlert {
  if (typeof rawBody !== 'string') {
    throw new AlertParseError('The alert message must be text.');
  }
  const body = rawBody.replace(/^\uFEFF/, '').trim();
  if (body === '') {
    throw new AlertParseError(
      'The alert message is empty.',
      null,
      'Put the alert template in the TradingView alert "Message" box.',
    );
  }
  // `{{...` is an unrendered placeholder, never JSON: the text path explains it properly
  const looksLikeJson = (body.startsWith('{') && !body.startsWith('{{')) || body.startsWith('[');
  if (looksLikeJson) return parseJsonAlert(body, opts);
  return parseTextAlert(body, opts);
}
