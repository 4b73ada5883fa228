// The two body shapes clients of the Zementis API know: `{"errors": [...]}` for API errors and
// Cumulocity's `{"error", "message", "info"}` for authentication and authorization failures.

export interface ErrorEnvelope {
  errors: string[];
}

export interface CumulocityErrorBody {
  error: string;
  message: string;
  info: string;
}

export const CUMULOCITY_ERROR_INFO =
  'https://cumulocity.com/guides/reference/rest-implementation/#error_reporting';

export function errorEnvelope(messages: string[]): ErrorEnvelope {
  return { errors: messages };
}

export function unauthorizedBody(message: string): CumulocityErrorBody {
  return { error: 'general/internalError', message, info: CUMULOCITY_ERROR_INFO };
}

export function forbiddenBody(message: string): CumulocityErrorBody {
  return { error: 'security/Forbidden', message, info: CUMULOCITY_ERROR_INFO };
}
