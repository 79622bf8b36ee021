export type DirectionFilter = 'both' | 'long' | 'short';

/**
 * Every spelling the API accepts, folded to one value before it is stored, so the filter compares
 * one way (G-44: "Long" stored, "long only" compared, never fired).
 */
const SPELLINGS: Record<string, DirectionFilter> = {
  both: 'both', all: 'both', any: 'both', 'long and short': 'both', 'long/short': 'both',
  long: 'long', 'long only': 'long', longonly: 'long', 'long_only': 'long', buy: 'long', 'buy only': 'long',
  short: 'short', 'short only': 'short', shortonly: 'short', 'short_only': 'short', sell: 'short', 'sell only': 'short',
};

export const DIRECTION_SPELLINGS = Object.keys(SPELLINGS);

export function normalizeDirection(value: unknown): DirectionFilter | null {
  if (typeof value !== 'string') return null;
  return SPELLINGS[value.trim().toLowerCase().replace(/[\s-]+/g, ' ')] ?? null;
}

export function directionAllows(filter: DirectionFilter, side: 'LONG' | 'SHORT'): boolean {
  return filter === 'both' || (filter === 'long') === (side === 'LONG');
}
