import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import { PayloadTooLargeError, ValidationError } from '../errors/domain-errors';

interface BodyParserError extends Error {
  type?: string;
  limit?: number;
  status?: number;
}

function asDomainError(error: BodyParserError, limit: string): Error {
  switch (error.type) {
    case 'entity.parse.failed':
      return new ValidationError(`The request body is not valid JSON: ${error.message}.`);
    case 'entity.too.large':
      return new PayloadTooLargeError(`The request body is larger than the limit of ${limit}.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ValidationError(`The request body has an unsupported encoding: ${error.message}.`);
    case 'request.aborted':
      return new ValidationError('The request body was not received completely.');
    default:
      return error;
  }
}

/**
 * JSON body parsing whose failures become domain errors, so the global filter answers them in
 * the API's error envelope like every other client mistake. Requests for which `readsOwnBody`
 * is true are left alone: their routes stream the body themselves.
 */
export function jsonBodyParser(
  limit: string,
  readsOwnBody: (req: Request) => boolean = () => false,
): RequestHandler {
  const parse = json({ limit, type: ['application/json', 'application/*+json'] });
  return (req: Request, res: Response, next: NextFunction) => {
    if (readsOwnBody(req)) {
      next();
      return;
    }
    parse(req, res, (error?: unknown) => {
      next(error instanceof Error ? asDomainError(error, limit) : error);
    });
  };
}
