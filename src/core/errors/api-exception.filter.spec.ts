import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { ApiExceptionFilter } from './api-exception.filter';
import { NotFoundError } from './domain-errors';

interface RecordedReply {
  status?: number;
  body?: unknown;
}

function hostFor(requestId: string, reply: RecordedReply): ArgumentsHost {
  const response = {
    headersSent: false,
    setHeader: jest.fn(),
    status(code: number) {
      reply.status = code;
      return this;
    },
    json(body: unknown) {
      reply.body = body;
    },
  };
  const request = { id: requestId, method: 'GET', path: '/x' };
  return {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost;
}

describe('ApiExceptionFilter', () => {
  const filter = new ApiExceptionFilter({} as HttpAdapterHost);

  afterEach(() => jest.restoreAllMocks());

  it('logs an unexpected error with the same request id it puts in the 500 answer', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const reply: RecordedReply = {};
    const failure = new Error('secret internal detail');

    filter.catch(failure, hostFor('req-42', reply));

    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({
      errors: ['An unexpected error occurred; quote request id req-42 when reporting it.'],
    });
    expect(logged).toHaveBeenCalledWith(
      { err: failure, requestId: 'req-42' },
      'unexpected error while answering a request',
    );
  });

  it('answers a domain error with its status and messages, without logging an error', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const reply: RecordedReply = {};

    filter.catch(new NotFoundError("Model 'dummy' not found."), hostFor('req-1', reply));

    expect(reply).toEqual({ status: 404, body: { errors: ["Model 'dummy' not found."] } });
    expect(logged).not.toHaveBeenCalled();
  });
});
