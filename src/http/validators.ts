import { registerDecorator } from 'class-validator';
import { ACCEPTED_SPAN_TEXT, isWithinAcceptedSpan } from '../domain';

/** Next to IsISO8601: the date must lie within the accepted span (2000–2099); year 9999 is a 400. */
export function IsWithinAcceptedSpan() {
  return (target: object, propertyName: string) => registerDecorator({
    name: 'isWithinAcceptedSpan', target: target.constructor, propertyName,
    options: { message: `${propertyName} must be a date ${ACCEPTED_SPAN_TEXT}` },
    validator: { validate: (value: unknown) => typeof value === 'string' && isWithinAcceptedSpan(new Date(value)) },
  });
}
