import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { maskToken } from '../core/ids';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../core/json-depth';

const logger = new Logger('HttpBody');

/**
 * Runs right after the body parsers: a body nested deeper than MAX_JSON_DEPTH is a 400 before the
 * validation pipe (which recurses) sees it, and a body the parsers refused (too large, bad gzip,
 * broken JSON) is answered with a message and logged as one line, not a stack trace.
 */
export function applyBodyLimits(app: NestExpressApplication): void {
  app.use(refuseDeepBodies);
  app.use(answerBodyErrors);
}

function refuseDeepBodies(req: Request, res: Response, next: NextFunction): void {
  if (req.body === null || typeof req.body !== 'object' || !nestsDeeperThan(req.body, MAX_JSON_DEPTH)) return next();
  logger.warn(`${req.method} ${loggablePath(req)}: body nested deeper than ${MAX_JSON_DEPTH} levels, refused`);
  res.status(400).json({ statusCode: 400, error: 'Bad Request', message: `The request body nests arrays/objects more than ${MAX_JSON_DEPTH} levels deep; flatten it.` });
}

interface BodyParserError {
  status?: number;
  type?: string;
  code?: string;
  limit?: number;
  length?: number;
  expose?: boolean;
  message?: string;
}

function answerBodyErrors(error: BodyParserError, req: Request, res: Response, next: NextFunction): void {
  const status = error?.status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
  const message = describeBodyError(error, req);
  logger.warn(`${req.method} ${loggablePath(req)}: ${status} ${message}`);
  res.status(status).json({ statusCode: status, error: status === 413 ? 'Payload Too Large' : status === 415 ? 'Unsupported Media Type' : 'Bad Request', message });
}

function describeBodyError(error: BodyParserError, req: Request): string {
  if (error.type === 'entity.too.large') return `The request body is ${error.length ?? 'over'} bytes; the limit here is ${error.limit} bytes.`;
  if (error.code?.startsWith('Z_')) return `The body could not be decompressed (Content-Encoding: ${req.headers['content-encoding']}); send valid data or no Content-Encoding.`;
  if (error.type === 'entity.parse.failed') return `The body is not valid JSON: ${error.message}`;
  return error.expose && error.message ? error.message : 'The request body could not be read.';
}

/** A webhook URL carries its token, the webhook's only credential: never log it whole. */
function loggablePath(req: Request): string {
  return req.path.replace(/^\/webhook\/([^/]+)/, (_, token: string) => `/webhook/${maskToken(token)}`);
}
