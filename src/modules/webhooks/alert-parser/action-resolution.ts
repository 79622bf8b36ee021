import { AlertDirective, AlertParseError, PositionSide, StrategyPosition } from '../parsed-alert';
import { describe, emptyStrategyValueError, isBlank, rejectPlaceholder } from './value-readers';

/**
 * Turns the alert's verb and the strategy's before/after state into one directive
 * (alert-formats.md section 12). The after-fill state decides; the verb only cross-checks.
 * A partial exit must never become an entry (G-7) and a close never an entry (G-5, G-6).
 */

export type Verb =
  | { kind: 'SIDE'; side: PositionSide; word: string }
  | { kind: 'CLOSE'; side?: PositionSide; word: string };

export interface StrategyState {
  position: StrategyPosition;
  size: number | null;
}

export interface IntentInputs {
  verb: Verb | null;
  target: StrategyState | null;
  previous: StrategyState | null;
  /** order size from the quantity aliases ({{strategy.order.contracts}}) */
  contracts: number | null;
}

export interface Intent {
  directive: AlertDirective;
  quantity: number | null;
}

type VerbMeaning = { kind: 'SIDE'; side: PositionSide } | { kind: 'CLOSE'; side?: PositionSide };

/** Keys are spelled without `_`, `-` or spaces, so `close_long`, `close-long`, `CloseLong` all match. */
const VERBS: Record<string, VerbMeaning> = {
  buy: { kind: 'SIDE', side: 'LONG' },
  long: { kind: 'SIDE', side: 'LONG' },
  sell: { kind: 'SIDE', side: 'SHORT' },
  short: { kind: 'SIDE', side: 'SHORT' },
  close: { kind: 'CLOSE' },
  flat: { kind: 'CLOSE' },
  exit: { kind: 'CLOSE' },
  flatten: { kind: 'CLOSE' },
  closeall: { kind: 'CLOSE' },
  closelong: { kind: 'CLOSE', side: 'LONG' },
  exitlong: { kind: 'CLOSE', side: 'LONG' },
  closeshort: { kind: 'CLOSE', side: 'SHORT' },
  exitshort: { kind: 'CLOSE', side: 'SHORT' },
};

export const ACCEPTED_ACTION_WORDS = [
  'buy', 'long', 'sell', 'short', 'close', 'flat', 'exit', 'flatten', 'closeall',
  'closelong', 'close_long', 'exit_long', 'closeshort', 'close_short', 'exit_short',
] as const;

function verbKey(word: string): string {
  return word.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

export function lookupVerb(value: unknown): Verb | null {
  if (typeof value !== 'string') return null;
  const meaning = Object.prototype.hasOwnProperty.call(VERBS, verbKey(value))
    ? VERBS[verbKey(value)]
    : undefined;
  return meaning ? ({ ...meaning, word: value.trim() } as Verb) : null;
}

/** Reads an action word; empty, unrendered or unknown words can never succeed. */
export function parseVerb(field: string, value: unknown): Verb {
  if (isBlank(value)) throw emptyStrategyValueError(field);
  rejectPlaceholder(field, value);
  const verb = lookupVerb(value);
  if (!verb) {
    throw new AlertParseError(
      `${field} is ${describe(value)}, which is not an action this app knows. ` +
        `Accepted: ${ACCEPTED_ACTION_WORDS.join(', ')}.`,
      field,
    );
  }
  return verb;
}

export function oppositeSide(side: PositionSide): PositionSide {
  return side === 'LONG' ? 'SHORT' : 'LONG';
}

const enter = (side: PositionSide, quantity: number | null): Intent => ({
  directive: { kind: 'ENTER', side },
  quantity,
});
const reduce = (side: PositionSide, quantity: number | null): Intent => ({
  directive: { kind: 'REDUCE', side },
  quantity,
});
const close = (side: PositionSide | undefined): Intent => ({
  directive: side ? { kind: 'CLOSE', side } : { kind: 'CLOSE' },
  quantity: null,
});

const lower = (position: StrategyPosition): string => position.toLowerCase();

export function resolveIntent(inputs: IntentInputs, warnings: string[]): Intent {
  const { verb, target } = inputs;
  if (verb?.kind === 'CLOSE') {
    if (target && target.position !== 'FLAT') {
      warnings.push(
        `action "${verb.word}" closes the position although market_position is ${lower(target.position)}: the close wins.`,
      );
    }
    return close(verb.side);
  }
  if (!target) {
    if (!verb) {
      throw new AlertParseError(
        'The alert has no action: send action buy, sell or close, or the strategy market_position.',
        'action',
      );
    }
    return enter(verb.side, inputs.contracts);
  }
  if (target.position === 'FLAT') return closeToFlat(inputs, warnings);
  return towardSide(inputs, target.position, warnings);
}

/** market_position flat: always a close, of the side the strategy held (rows 1 and 2). */
function closeToFlat({ verb, previous }: IntentInputs, warnings: string[]): Intent {
  const heldSide = previous && previous.position !== 'FLAT' ? previous.position : undefined;
  const verbClosesSide = verb?.kind === 'SIDE' ? oppositeSide(verb.side) : undefined;
  if (previous?.position === 'FLAT') {
    warnings.push('The strategy reports it was already flat before this fill; closing anyway.');
  }
  if (heldSide && verbClosesSide && heldSide !== verbClosesSide) {
    warnings.push(
      `action "${verb?.word}" cannot close a ${lower(heldSide)} position; closing whatever position is open.`,
    );
    return close(undefined);
  }
  return close(heldSide ?? verbClosesSide);
}

/** market_position long or short: open, add, reverse or partially exit toward `side`. */
function towardSide(inputs: IntentInputs, side: PositionSide, warnings: string[]): Intent {
  const { verb, previous, contracts } = inputs;
  const targetSize = inputs.target?.size ?? null;
  const verbSide = verb?.kind === 'SIDE' ? verb.side : undefined;
  const againstVerb = (): void => {
    if (verbSide && verbSide !== side) {
      warnings.push(
        `action "${verb?.word}" disagrees with market_position ${lower(side)}; following market_position.`,
      );
    }
  };

  if (previous?.position === 'FLAT') {
    againstVerb();
    return enter(side, targetSize ?? contracts);
  }
  if (previous && previous.position !== side) {
    // a reversal: contracts covers closing the old side plus the new position (row 6)
    againstVerb();
    if (targetSize !== null) return enter(side, targetSize);
    const opened = contracts !== null && previous.size !== null ? contracts - previous.size : null;
    if (opened === null || opened <= 0) {
      warnings.push('Reversal without a target size: the new position size is unknown.');
      return enter(side, null);
    }
    return enter(side, opened);
  }
  if (previous && targetSize !== null && previous.size !== null && targetSize !== previous.size) {
    const delta = Math.abs(targetSize - previous.size);
    const shrank = targetSize < previous.size;
    if (contracts !== null && contracts !== delta) {
      warnings.push(
        `contracts is ${contracts} but the position went from ${previous.size} to ${targetSize}; using ${delta}.`,
      );
    }
    if (verbSide && (verbSide === side) === shrank) {
      warnings.push(
        `action "${verb?.word}" disagrees with the position change ${previous.size} -> ${targetSize}; following the positions.`,
      );
    }
    return shrank ? reduce(side, delta) : enter(side, delta);
  }
  if (previous && targetSize !== null && targetSize === previous.size) {
    warnings.push(`The strategy position size did not change (${targetSize}); deciding from the action.`);
  }
  return fromVerbAlongSide(inputs, side, warnings);
}

/** Sizes did not decide: the verb tells an add (same side) from a partial exit (other side). */
function fromVerbAlongSide(inputs: IntentInputs, side: PositionSide, warnings: string[]): Intent {
  const { verb, previous, contracts } = inputs;
  const targetSize = inputs.target?.size ?? null;
  if (verb?.kind !== 'SIDE') {
    if (previous?.position === side) {
      throw new AlertParseError(
        `The strategy stays ${lower(side)} but the alert has no action and no sizes, so it cannot ` +
          'tell an add from a partial exit. Send action ({{strategy.order.action}}) or both position sizes.',
        'action',
      );
    }
    if (contracts !== null) {
      warnings.push(
        'contracts ignored: without an action or previous position it is unknown whether they add or reverse; ' +
          'size the order from the target position.',
      );
    }
    return enter(side, null);
  }
  if (verb.side !== side) {
    // G-7: a sell while the strategy stays long takes contracts off; it is never a buy/add
    if (contracts === null) {
      warnings.push(
        `action "${verb.word}" while the strategy stays ${lower(side)} is a partial exit, but the alert gives ` +
          'no contracts and no position sizes: the size to take off is left to the recorder settings.',
      );
    }
    return reduce(side, contracts);
  }
  if (previous?.position !== side && contracts !== null && targetSize !== null && contracts > targetSize) {
    warnings.push(
      `contracts (${contracts}) is larger than the resulting position (${targetSize}): a reversal; entering ${targetSize}.`,
    );
    return enter(side, targetSize);
  }
  return enter(side, contracts);
}
