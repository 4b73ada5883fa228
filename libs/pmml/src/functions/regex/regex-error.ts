/**
 * Why a Java regular expression cannot be used: invalid Java syntax, a Java construct that
 * JavaScript cannot express (`unsupported`), or a pattern refused as unsafe (`unsupported`).
 */
export class RegexError extends Error {
  constructor(
    message: string,
    readonly unsupported: boolean,
  ) {
    super(message);
  }
}

export function invalidRegex(pattern: string, reason: string): RegexError {
  return new RegexError(`the regular expression "${pattern}" is invalid: ${reason}.`, false);
}

export function unsupportedRegex(pattern: string, reason: string): RegexError {
  return new RegexError(`the regular expression "${pattern}" is not supported: ${reason}.`, true);
}
