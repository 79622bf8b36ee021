import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** A bad command-line value: printed as a message, exit code 2, nothing changed. */
export class CliInputError extends Error {}

/** Validates CLI options through the same DTOs the HTTP API uses. */
export function validated<T extends object>(dto: new () => T, values: Record<string, unknown>): T {
  const instance = plainToInstance(dto, Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)));
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new CliInputError(messages(errors).join('\n'));
  return instance;
}

function messages(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...messages(e.children ?? [])]);
}

export function wholeNumber(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new CliInputError(`${name} must be a whole number, got "${value}"`);
    return Number(value);
  };
}
