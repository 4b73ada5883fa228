// Errors that services, the scheduler and the CLI throw. They carry the user-facing messages and
// know nothing of HTTP; ApiExceptionFilter maps each kind to a status code.

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  readonly messages: string[];

  constructor(messages: string | string[]) {
    const list = typeof messages === 'string' ? [messages] : messages;
    super(list.join(' '));
    this.messages = list;
    this.name = new.target.name;
  }
}

export type DomainErrorKind =
  | 'validation'
  | 'authentication'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'payload-too-large'
  | 'unavailable';

export class ValidationError extends DomainError {
  readonly kind = 'validation';
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

export class PayloadTooLargeError extends DomainError {
  readonly kind = 'payload-too-large';
}

export class AuthenticationError extends DomainError {
  readonly kind = 'authentication';
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

export class ServiceUnavailableError extends DomainError {
  readonly kind = 'unavailable';
}

export const NO_AUTH_INFORMATION = 'No auth information found';
export const INVALID_CREDENTIALS = 'Invalid credentials';
export const ACCESS_DENIED = 'Access is denied';
export const DATABASE_UNAVAILABLE = 'The database is not available right now; try again shortly.';
