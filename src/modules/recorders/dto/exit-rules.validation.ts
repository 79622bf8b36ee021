import { BadRequestException } from '@nestjs/common';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { StoredExitRules } from '../../../core/exits/exit-plan';

const MAX_TICKS = 100_000;
const MAX_LEVELS = 3;

const UNITS = ['ticks', 'points', 'percent'] as const;
const KEYS = [...UNITS, 'quantity', 'percentOfPosition'];
const DECIMAL = /^\d{1,7}(\.\d{1,6})?$/;

/** Why a takeProfitLevels value is not usable, in the trader's words; null when it is fine. */
export function takeProfitLevelsProblem(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const shape = `takeProfitLevels must be a list of 1 to ${MAX_LEVELS} levels like [{"ticks":20,"quantity":1},{"ticks":40}] (or "points" / "percent" instead of "ticks", "percentOfPosition" instead of "quantity"), or null for none`;
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_LEVELS) return shape;
  let previous = 0;
  let unitOfAll: string | null = null;
  for (const [i, level] of value.entries()) {
    const at = `takeProfitLevels[${i}]`;
    if (typeof level !== 'object' || level === null || Array.isArray(level)) return `${at} must be an object like {"ticks":20,"quantity":1}`;
    const extra = Object.keys(level).filter((k) => !KEYS.includes(k));
    if (extra.length) return `${at} has unknown field(s) ${extra.join(', ')}: only ${KEYS.join(', ')}`;
    const l = level as Record<string, unknown>;
    const units = UNITS.filter((u) => l[u] !== undefined && l[u] !== null);
    if (units.length !== 1) return `${at} needs exactly one of ticks, points or percent (how far from the entry)`;
    const unit = units[0];
    if (unitOfAll && unit !== unitOfAll) return `${at} is in ${unit} but the level before it in ${unitOfAll}: use one unit for the whole ladder`;
    unitOfAll = unit;
    const distance = l[unit];
    if (unit === 'ticks' && (!Number.isInteger(distance) || (distance as number) < 1 || (distance as number) > MAX_TICKS)) return `${at}.ticks must be a whole number of ticks between 1 and ${MAX_TICKS}`;
    if (unit !== 'ticks' && (!DECIMAL.test(String(distance)) || Number(distance) <= 0)) return `${at}.${unit} must be a number more than 0 like 12.5`;
    if (Number(distance) <= previous) return `${at}.${unit} must be further than the level before it (levels go in ascending distance)`;
    previous = Number(distance);
    const last = i === value.length - 1;
    const { quantity, percentOfPosition } = l;
    const hasQty = quantity !== undefined && quantity !== null;
    const hasPct = percentOfPosition !== undefined && percentOfPosition !== null;
    if (last && (hasQty || hasPct)) return `${at}.${hasQty ? 'quantity' : 'percentOfPosition'}: the last level takes whatever is left; leave its quantity out`;
    if (!last && hasQty && hasPct) return `${at}: give quantity or percentOfPosition, not both`;
    if (!last && hasPct && (!Number.isInteger(percentOfPosition) || (percentOfPosition as number) < 1 || (percentOfPosition as number) > 99)) {
      return `${at}.percentOfPosition must be a whole percent of the position between 1 and 99 (at least 1 contract is taken)`;
    }
    if (!last && !hasPct && (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > 1000)) {
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
export function assertExitRules(rules: StoredExitRules): void {
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
