import bodyParser from 'body-parser';
import type { NextFunction, Request, Response } from 'express';
import { parseStrictJson } from '../audit/strict-json.js';
import { LedgerError } from '../domain/errors.js';

/**
 * Reads a JSON body as text under a size limit, then parses it as I-JSON (duplicate names refused),
 * because a signed act must mean one thing. Errors go to the error filter.
 */
/** Requests whose body a more specific mount (the batch endpoint's larger limit) has already read. */
const parsed = new WeakSet<Request>();

export function strictJsonBody(limitBytes: number) {
  const readText = bodyParser.text({ type: () => true, limit: limitBytes });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' || parsed.has(req)) return next();
    parsed.add(req);
    readText(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (typeof req.body !== 'string' || req.body.length === 0) return next(new LedgerError('malformed', 'the body is empty; send JSON'));
      try {
        req.body = parseStrictJson(req.body);
        next();
      } catch (parseError) {
        next(new LedgerError('malformed', `the body is not valid JSON: ${(parseError as Error).message}`));
      }
    });
  };
}
