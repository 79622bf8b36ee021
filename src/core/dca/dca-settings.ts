/**
 * A recorder's (or a trader's own) DCA settings: same-side alerts add when `enabled`, and the
 * ladder of add-on levels fires on prices moving against the average entry.
 */
export type DcaTrigger = 'TICKS' | 'PERCENT' | 'ATR';

export interface DcaLevel {
  trigger: DcaTrigger;
  /** ticks (TICKS), percent of the average (PERCENT) or the ATR multiple k (ATR); decimal string or number */
  value: string | number;
  /** ATR(n): bars in the average (ATR only) */
  atrPeriod?: number | null;
  /** ATR bars' length in seconds (ATR only) */
  atrTimeframeSec?: number | null;
  /** contracts to add (times each trader's multiplier) */
  quantity: number;
}

export interface DcaSettings {
  /** same-side alerts add (and an opposite alert is blocked, not reversed); the ladder runs only when on */
  enabled: boolean;
  levels: DcaLevel[];
  /** adds the ladder may make per position; null = one per level */
  maxAdds: number | null;
  /** a level that would take the position past maxQuantity: add up to the cap, or skip the level */
  capMode: 'partial' | 'skip';
  /** cap on the total position the ladder builds (contracts); null = none */
  maxQuantity: number | null;
  /** a rejected or blocked add may fire again on a later price; false = the level is given up */
  retryRejected: boolean;
}

export const DCA_OFF: DcaSettings = { enabled: false, levels: [], maxAdds: null, capMode: 'skip', maxQuantity: null, retryRejected: false };

/** The settings in force: a trader's own when set, else its recorder's. */
export function effectiveDca(recorderDca: DcaSettings | null, traderDca?: DcaSettings | null): DcaSettings {
  return traderDca ?? recorderDca ?? DCA_OFF;
}

export function hasLadder(settings: DcaSettings): boolean {
  return settings.enabled && settings.levels.length > 0;
}

/** A recorder's settings; a row from before the dca block keeps what its dcaEnabled flag did. */
export function recorderDca(recorder: { dca: DcaSettings | null; dcaEnabled: boolean }): DcaSettings {
  return recorder.dca ?? { ...DCA_OFF, enabled: recorder.dcaEnabled };
}
