import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from './domain-errors';
import { CUMULOCITY_ERROR_INFO, type CumulocityErrorBody } from './error-bodies';
import { STATUS_BY_KIND } from './status-by-kind';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  503: 'Service Unavailable',
};

/**
 * Errors of the Cumulocity-shaped routes (inventory, measurements) in Cumulocity's own body,
 * `{"error": "inventory/Not Found", "message", "info"}`, as agents written for Cumulocity
 * expect. Authentication keeps the bodies the global filter gives.
 */
@Catch(DomainError, HttpException)
export class CumulocityErrorFilter implements ExceptionFilter {
  catch(exception: DomainError | HttpException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (response.headersSent) return;
    const status: number =
      exception instanceof DomainError ? STATUS_BY_KIND[exception.kind] : exception.getStatus();
    const message =
      exception instanceof DomainError ? exception.messages.join(' ') : exception.message;
    const resource = request.path.split('/').filter(Boolean)[0] ?? 'general';
    const error =
      status === 401
        ? 'general/internalError'
        : status === 403
          ? 'security/Forbidden'
          : `${resource}/${REASONS[status] ?? 'Error'}`;
    const body: CumulocityErrorBody = { error, message, info: CUMULOCITY_ERROR_INFO };
    response.status(status).json(body);
  }
}
