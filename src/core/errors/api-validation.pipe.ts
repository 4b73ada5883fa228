import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError } from './domain-errors';

// class-validator reports nested problems as a tree; users want one sentence per problem,
// naming the field by its full path (jobSchedule.frequency).
function sentences(errors: ClassValidatorError[], parentPath = ''): string[] {
  return errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property)
        ? `${path}${message.slice(error.property.length)}`
        : message,
    );
    return [...own, ...sentences(error.children ?? [], path)];
  });
}

export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationError(sentences(errors)),
  });
}
