import { ValidationError } from './errors';

/** Money is always an integer number of fen (分); 1 元 = 100 fen. */
export type Fen = number;

export const FEN_PER_YUAN = 100;

function invalid(field: string, message: string): ValidationError {
  return new ValidationError(`${field} ${message}`, [{ field, messages: [message] }], 'invalid_money');
}

export function assertFen(fen: number, field = 'amountFen'): void {
  if (!Number.isSafeInteger(fen)) throw invalid(field, `must be a whole number of fen, got ${fen}`);
}

/** Converts yuan with at most two decimals (e.g. 200 or 12.5) to fen. */
export function yuanToFen(yuan: number): Fen {
  if (!Number.isFinite(yuan)) throw invalid('yuan', `must be a finite number, got ${yuan}`);
  const fen = Math.round(yuan * FEN_PER_YUAN);
  // yuan * 100 is not exact in binary floating point (0.29 * 100 = 28.999…), hence the tolerance.
  if (Math.abs(fen - yuan * FEN_PER_YUAN) > 1e-6) {
    throw invalid('yuan', `must have at most two decimal places, got ${yuan}`);
  }
  assertFen(fen, 'yuan');
  return fen;
}

/** "200.00 元", "-12.05 元". */
export function formatFen(fen: Fen): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / FEN_PER_YUAN);
  const cents = String(abs % FEN_PER_YUAN).padStart(2, '0');
  return `${sign}${yuan}.${cents} 元`;
}

/**
 * `percent` % of `fen`, rounded half-up to whole fen (half away from zero for negative amounts,
 * so that a reversal is the exact negation of the original).
 */
export function percentOf(fen: Fen, percent: number): Fen {
  assertFen(fen);
  if (!Number.isSafeInteger(percent) || percent < 0) {
    throw invalid('percent', `must be a non-negative whole number, got ${percent}`);
  }
  const scaled = fen * percent;
  if (!Number.isSafeInteger(scaled)) throw invalid('amountFen', 'is too large');
  const whole = Math.trunc(scaled / 100);
  const remainder = Math.abs(scaled % 100);
  const rounded = remainder >= 50 ? whole + Math.sign(scaled) : whole;
  return rounded === 0 ? 0 : rounded; // no -0

}
