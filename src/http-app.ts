import { BadRequestException, INestApplication, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import * as path from 'path';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { Clock } from './core/clock';
import { applyBodyLimits } from './http/body-limits';
import { attachJsonNumberTexts, keepRawJson } from './core/json/json-number-texts';
import { registerViewHelpers } from './modules/dashboard/view-helpers';
import { registerCsrfPartial } from './modules/auth/csrf-view';
import { securityHeaders } from './modules/auth/security-headers';

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

/** Builds the HTTP app exactly as `npm start` runs it; tests use the same function. */
export async function createHttpApp(config: AppConfig, clock?: Clock, logger: false | undefined = undefined): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, clock), {
    bodyParser: false,
    logger: logger === false ? false : levelsFrom(config.logLevel),
  });
  // browser-side security (issue 10, parts 1-4): proxy trust, headers on every answer, the CSRF partial
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders);
  registerCsrfPartial();
  // end browser-side security

  // TradingView sends JSON or plain text, whatever the header: the webhook reads the raw text
  app.use('/webhook', express.text({ type: () => true, limit: '64kb' }));
  app.use(express.json({ limit: '256kb', verify: keepRawJson }));
  app.use(attachJsonNumberTexts);
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));
  applyBodyLimits(app);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new BadRequestException({ statusCode: 400, error: 'Bad Request', message: flatten(errors) }),
    }),
  );
  app.setBaseViewsDir(path.join(ROOT, 'views'));
  app.setViewEngine('hbs');
  registerViewHelpers();
  app.useStaticAssets(path.join(ROOT, 'public'), { prefix: '/static/' });
  app.enableShutdownHooks();
  return app;
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => (prefix ? `${prefix}${m}` : m)),
    ...flatten(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

function levelsFrom(level: AppConfig['logLevel']): ('error' | 'warn' | 'log' | 'debug' | 'verbose')[] {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level) + 1) as ('error' | 'warn' | 'log' | 'debug' | 'verbose')[];
}

export type { INestApplication };
