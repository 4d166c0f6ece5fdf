// IntOrString validation for maxSurge/maxUnavailable (apps validation ValidatePositiveIntOrPercent,
// IsNotMoreThan100Percent).
import type { StatusCause } from './types';
import { invalidRendered } from './field-errors';
import { regexError } from './names';

const percentRe = /^[0-9]+%$/;

export function validateIntOrPercent(value: unknown, path: string): StatusCause[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') {
    if (!percentRe.test(value)) {
      return [invalidRendered(path, value, regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%'))];
    }
    if (Number(value.slice(0, -1)) > 100) return [invalidRendered(path, value, 'must not be greater than 100%')];
    return [];
  }
  if (typeof value === 'number') {
    return value < 0 ? [invalidRendered(path, String(value), 'must be greater than or equal to 0')] : [];
  }
  return [invalidRendered(path, JSON.stringify(value), "must be an integer or percentage (e.g '5%')")];
}
