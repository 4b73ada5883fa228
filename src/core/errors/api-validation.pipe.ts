import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError } from './domain-errors';

// class-validator reports nested problems as a tree; users want one sentence per problem,
// naming the field by its full path (jobSchedule.frequency).
function sentences(errors: ClassValidatorError[], parentPath = ''): string[] {
  return errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      withPath(message, error.property, path),
    );
    return [...own, ...sentences(error.children ?? [], path)];
  });
}

// class-validator starts its messages with the bare property name, or with "property <name>"
// for undeclared properties.
function withPath(message: string, property: string, path: string): string {
  if (message.startsWith(`property ${property} `)) {
    return `property ${path}${message.slice(`property ${property}`.length)}`;
  }
  return message.startsWith(property) ? `${path}${message.slice(property.length)}` : message;
}

export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationError(sentences(errors)),
  });
}
