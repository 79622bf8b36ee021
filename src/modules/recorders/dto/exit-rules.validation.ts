import { BadRequestException } from '@nestjs/common';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { ExitRules } from '../../../core/exits/exit-plan';

const MAX_TICKS = 100_000;
const MAX_LEVELS = 3;

/** Why a takeProfitLevels value is not usable, in the trader's words; null when it is fine. */
export function takeProfitLevelsProblem(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const shape = `takeProfitLevels must be a list of 1 to ${MAX_LEVELS} levels like [{"ticks":20,"quantity":1},{"ticks":40}], or null for none`;
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_LEVELS) return shape;
  let previous = 0;
  for (const [i, level] of value.entries()) {
    const at = `takeProfitLevels[${i}]`;
    if (typeof level !== 'object' || level === null || Array.isArray(level)) return `${at} must be an object like {"ticks":20,"quantity":1}`;
    const extra = Object.keys(level).filter((k) => k !== 'ticks' && k !== 'quantity');
    if (extra.length) return `${at} has unknown field(s) ${extra.join(', ')}: only ticks and quantity`;
    const { ticks, quantity } = level as { ticks?: unknown; quantity?: unknown };
    if (!Number.isInteger(ticks) || (ticks as number) < 1 || (ticks as number) > MAX_TICKS) return `${at}.ticks must be a whole number of ticks between 1 and ${MAX_TICKS}`;
    if ((ticks as number) <= previous) return `${at}.ticks must be further than the level before it (levels go in ascending ticks)`;
    previous = ticks as number;
    const last = i === value.length - 1;
    if (last && quantity !== undefined && quantity !== null) return `${at}.quantity: the last level takes whatever is left; leave its quantity out`;
    if (!last && (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > 1000)) {
      return `${at}.quantity must be a whole number of contracts between 1 and 1000 (each trader's multiplier scales it)`;
    }
  }
  return null;
}

export function IsTakeProfitLevels(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTakeProfitLevels',
      validator: {
        validate: (value) => takeProfitLevelsProblem(value) === null,
        defaultMessage: (args) => takeProfitLevelsProblem(args?.value) ?? 'takeProfitLevels is not valid',
      },
    },
    options,
  );
}

/** Rules that span fields, checked on the recorder as it would be saved (a PATCH merges first). */
export function assertExitRules(rules: ExitRules): void {
  const problems: string[] = [];
  if (rules.takeProfitTicks && rules.takeProfitLevels?.length) {
    problems.push('takeProfitTicks and takeProfitLevels cannot both be set: use takeProfitLevels with one level, or set the other to null');
  }
  if (rules.trailTriggerTicks !== null && !rules.trailDistanceTicks) {
    problems.push('trailTriggerTicks needs trailDistanceTicks (how far the stop trails behind the best price)');
  }
  if (rules.breakEvenOffsetTicks !== null && !rules.breakEvenTicks) {
    problems.push('breakEvenOffsetTicks needs breakEvenTicks (the profit in ticks that moves the stop to entry)');
  }
  if (rules.breakEvenTicks && rules.breakEvenOffsetTicks !== null && rules.breakEvenOffsetTicks >= rules.breakEvenTicks) {
    problems.push(`breakEvenOffsetTicks (${rules.breakEvenOffsetTicks}) must be less than breakEvenTicks (${rules.breakEvenTicks}), or the stop would sit at the price that moves it`);
  }
  if (problems.length) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems });
}
