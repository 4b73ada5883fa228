import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Application, Request, Response } from 'express';
import { isDatabaseConnectionError } from '../database/connection-errors';
import { allowedMethodsFor } from '../http/allowed-methods';
import { DATABASE_UNAVAILABLE, DomainError } from './domain-errors';
import { STATUS_BY_KIND } from './status-by-kind';
import { errorEnvelope, forbiddenBody, unauthorizedBody } from './error-bodies';

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function messagesOf(exception: HttpException): string[] {
  const response = exception.getResponse();
  if (typeof response === 'string') return [response];
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String);
  if (typeof message === 'string') return [message];
  return [exception.message];
}

/**
 * The one place where errors become HTTP answers: domain errors by kind, Nest's own HTTP
 * exceptions (unknown routes, wrong methods), lost database connections, and anything
 * unexpected as a 500 whose request id is also in the log.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const reply = this.replyFor(exception, request);
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(reply.headers ?? {})) {
      response.setHeader(name, value);
    }
    response.status(reply.status).json(reply.body);
  }

  private replyFor(exception: unknown, request: Request): Reply {
    if (exception instanceof DomainError) return this.domainReply(exception);
    if (exception instanceof NotFoundException) return this.unmatchedRouteReply(request);
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      return { status: exception.getStatus(), body: errorEnvelope(messagesOf(exception)) };
    }
    if (isDatabaseConnectionError(exception)) {
      this.logger.warn({ err: exception }, 'database unavailable while answering a request');
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        body: errorEnvelope([DATABASE_UNAVAILABLE]),
      };
    }
    const requestId = typeof request.id === 'string' ? request.id : 'unknown';
    this.logger.error({ err: exception, requestId }, 'unexpected error while answering a request');
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: errorEnvelope([
        `An unexpected error occurred; quote request id ${requestId} when reporting it.`,
      ]),
    };
  }

  private domainReply(error: DomainError): Reply {
    const status = STATUS_BY_KIND[error.kind];
    switch (error.kind) {
      case 'authentication':
        return { status, body: unauthorizedBody(error.message) };
      case 'forbidden':
        return { status, body: forbiddenBody(error.message) };
      default:
        return { status, body: errorEnvelope(error.messages) };
    }
  }

  private unmatchedRouteReply(request: Request): Reply {
    const app = this.adapterHost.httpAdapter.getInstance<Application>();
    const allowed = allowedMethodsFor(app, request.path);
    if (allowed.length > 0) {
      return {
        status: HttpStatus.METHOD_NOT_ALLOWED,
        headers: { Allow: allowed.join(', ') },
        body: errorEnvelope([
          `Method ${request.method} is not allowed on ${request.path}; use ${allowed.join(', ')}.`,
        ]),
      };
    }
    return {
      status: HttpStatus.NOT_FOUND,
      body: errorEnvelope([`No resource at ${request.method} ${request.path}.`]),
    };
  }
}
