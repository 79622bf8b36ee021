import { AlertParseError, PositionSide, StrategyPosition } from '../parsed-alert';
import { StrategyState, Verb, oppositeSide } from './action-resolution';
import {
  AlertFields,
  emptyStrategyValueError,
  firstPresentKey,
  pick,
  readInteger,
  readPositionWord,
} from './value-readers';

/**
 * Reads the strategy's position after the fill (`target`) and before it (`previous`) from the
 * {{strategy.*}} placeholders. Contradictions in the target stop the alert (except a stray size
 * next to `flat`: flat wins, a close must get through); contradictions in the previous state only
 * drop it (the target alone still resolves safely).
 */

const TARGET_WORD_KEYS = ['market_position', 'position'];
const TARGET_SIZE_KEYS = ['market_position_size'];
const SIGNED_SIZE_KEYS = ['position_size'];
const PREVIOUS_WORD_KEYS = ['prev_market_position'];
const PREVIOUS_SIZE_KEYS = ['prev_market_position_size', 'prev_position_size'];

export interface StrategyStates {
  target: StrategyState | null;
  previous: StrategyState | null;
}

const sideOfSign = (signed: number): StrategyPosition =>
  signed > 0 ? 'LONG' : signed < 0 ? 'SHORT' : 'FLAT';

function readSize(fields: AlertFields, keys: string[], signed: boolean): { key: string; size: number } | null {
  const picked = pick(fields, keys);
  if (!picked) return null;
  const size = readInteger(picked.key, picked.value, { signed });
  return size === null ? null : { key: picked.key, size };
}

export function readTarget(fields: AlertFields, warnings: string[]): StrategyState | null {
  const wordPick = pick(fields, TARGET_WORD_KEYS);
  const blankWordKey = wordPick ? null : firstPresentKey(fields, TARGET_WORD_KEYS);
  if (blankWordKey) throw emptyStrategyValueError(blankWordKey);
  const word = wordPick ? readPositionWord(wordPick.key, wordPick.value) : null;
  const absolute = readSize(fields, TARGET_SIZE_KEYS, false);
  const signed = readSize(fields, SIGNED_SIZE_KEYS, true);
  return combineTarget(word, wordPick?.key ?? 'market_position', absolute, signed, warnings);
}

export function combineTarget(
  word: StrategyPosition | null,
  wordKey: string,
  absolute: { key: string; size: number } | null,
  signed: { key: string; size: number } | null,
  warnings: string[],
): StrategyState | null {
  if (word === 'FLAT') {
    const stray = [absolute, signed].find((sized) => sized && sized.size !== 0);
    if (stray) warnings.push(`${wordKey} is flat but ${stray.key} is ${stray.size}; flat wins.`);
    return { position: 'FLAT', size: 0 };
  }
  if (signed && absolute && Math.abs(signed.size) !== absolute.size) {
    throw new AlertParseError(
      `${absolute.key} is ${absolute.size} but ${signed.key} is ${signed.size}; the alert contradicts itself.`,
      absolute.key,
    );
  }
  const size = absolute?.size ?? (signed ? Math.abs(signed.size) : null);
  if (word === null) {
    if (signed) return { position: sideOfSign(signed.size), size };
    if (absolute?.size === 0) return { position: 'FLAT', size: 0 };
    if (absolute) {
      warnings.push(`${absolute.key} without market_position cannot tell long from short: ignored.`);
    }
    return null;
  }
  if (signed && signed.size !== 0 && sideOfSign(signed.size) !== word) {
    throw new AlertParseError(
      `${wordKey} says ${word.toLowerCase()} but ${signed.key} is ${signed.size}; the alert contradicts itself.`,
      wordKey,
    );
  }
  if (size === 0) {
    throw new AlertParseError(
      `${wordKey} says ${word.toLowerCase()} but the position size is 0; the alert contradicts itself.`,
      wordKey,
    );
  }
  return { position: word, size };
}

export function readPrevious(
  fields: AlertFields,
  target: StrategyState | null,
  verb: Verb | null,
  warnings: string[],
): StrategyState | null {
  const wordPick = pick(fields, PREVIOUS_WORD_KEYS);
  const word = wordPick ? readPositionWord(wordPick.key, wordPick.value) : null;
  const sized = readSize(fields, PREVIOUS_SIZE_KEYS, true);
  if (word === null && sized === null) return null;
  const size = sized ? Math.abs(sized.size) : null;
  if (word !== null) {
    const conflict =
      (word === 'FLAT' && size !== null && size !== 0) ||
      (word !== 'FLAT' && size === 0) ||
      (word !== 'FLAT' && sized !== null && sized.size < 0 && word === 'LONG');
    if (conflict) {
      warnings.push(
        `prev_market_position (${word.toLowerCase()}) and ${sized?.key} (${sized?.size}) disagree: previous position ignored.`,
      );
      return null;
    }
    return { position: word, size: word === 'FLAT' ? 0 : size };
  }
  const known = sized as { key: string; size: number };
  if (known.size === 0) return { position: 'FLAT', size: 0 };
  if (known.size < 0) return { position: 'SHORT', size };
  const inferred = inferPreviousSide(target, verb);
  if (!inferred) {
    warnings.push(`${known.key} given without prev_market_position: previous position ignored.`);
    return null;
  }
  return { position: inferred, size };
}

/** Only the sides physics allows: a sell that leaves you long (or flat) started from long. */
function inferPreviousSide(target: StrategyState | null, verb: Verb | null): PositionSide | null {
  if (!target || verb?.kind !== 'SIDE') return null;
  if (target.position === 'FLAT') return oppositeSide(verb.side);
  return verb.side !== target.position ? target.position : null;
}
