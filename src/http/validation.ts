import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError as ClassValidatorError, type ValidatorOptions } from 'class-validator';
import type { RequestHandler } from 'express';
import { FieldError, ValidationError } from '../domain/errors';
import './request-context';

const VALIDATOR_OPTIONS: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

/**
 * Replaces `req.body` with an instance of the DTO class, or answers 400 with one entry per invalid field
 * (nested fields as dotted paths such as `complainant.phone` or `attachments.0.name`). Unknown fields are errors.
 */
export function validateBody<T extends object>(dto: ClassConstructor<T>): RequestHandler {
  return async (req, _res, next) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ValidationError('The request body must be a JSON object sent with Content-Type: application/json');
    }
    req.body = await toValidInstance(dto, body, 'The request body is invalid', false);
    next();
  };
}

/** Validates the query string against the DTO class (strings converted to the declared property types). */
export function validateQuery<T extends object>(dto: ClassConstructor<T>): RequestHandler {
  return async (req, _res, next) => {
    req.validatedQuery = await toValidInstance(dto, req.query, 'The query parameters are invalid', true);
    next();
  };
}

async function toValidInstance<T extends object>(dto: ClassConstructor<T>, plain: object, message: string, convertTypes: boolean): Promise<T> {
  const instance = plainToInstance(dto, plain, { enableImplicitConversion: convertTypes });
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw new ValidationError(message, toFieldErrors(errors));
  return instance;
}

export function toFieldErrors(errors: ClassValidatorError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}
