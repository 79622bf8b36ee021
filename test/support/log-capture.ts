import { INestApplication, LoggerService } from '@nestjs/common';

/** Every line the app logs from now on (Nest's Logger), with its level and a stack when one was logged. */
export function captureLogs(app: INestApplication): { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: unknown, ...rest: unknown[]) => {
    lines.push([level, String(message), ...rest.map((part) => String(part))].join(' '));
  };
  const logger: LoggerService = { log: push('log'), error: push('error'), warn: push('warn'), debug: push('debug'), verbose: push('verbose'), fatal: push('fatal') };
  app.useLogger(logger);
  return { lines };
}
