import { BadRequestException } from '@nestjs/common';

type Windowed = { window1Start: string | null; window1End: string | null; window2Start: string | null; window2End: string | null; riskDollars: string | null; riskPercent: string | null };

/** Fields a recorder must hold a value for; null is only "inherit" on a trader. */
export const RECORDER_REQUIRED_SETTINGS = ['initialSize', 'addSize', 'riskMinOneContract', 'directionFilter', 'timeZone', 'cooldownSec', 'everyNthSignal', 'inverse', 'flattenAtWindowEnd'] as const;

/** Rules across fields, checked on the settings as they would be saved (a PATCH merges first). */
export function assertSignalSettings(s: Windowed, nullNotAllowed: readonly string[] = []): void {
  const problems: string[] = [];
  for (const field of nullNotAllowed) if ((s as unknown as Record<string, unknown>)[field] === null) problems.push(`${field} cannot be null on a recorder`);
  for (const n of [1, 2] as const) {
    const start = s[`window${n}Start`];
    const end = s[`window${n}End`];
    if ((start === null) !== (end === null)) problems.push(`window${n}Start and window${n}End go together: set both, or both to null`);
    else if (start !== null && start === end) problems.push(`window${n}Start and window${n}End are the same time: leave the window out for 24 hours`);
  }
  if (s.riskDollars !== null && s.riskPercent !== null) problems.push('riskDollars and riskPercent cannot both be set: choose one, set the other to null');
  if (problems.length) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems });
}
