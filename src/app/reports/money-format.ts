import { FEN_PER_YUAN } from '../../domain';

/** Fen as a yuan number for spreadsheets (12345 → 123.45). */
export function fenToYuanNumber(fen: number): number {
  return fen / FEN_PER_YUAN;
}
