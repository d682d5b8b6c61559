import { Column, ColumnOptions } from 'typeorm';

/** UTC timestamp with millisecond precision (datetime(3) on MySQL, ISO-like text on SQLite). */
export const TimestampColumn = (options: ColumnOptions = {}) => Column({ type: 'datetime', ...options });

/** JSON document stored as text (longtext on MySQL, see the migrations). */
export const JsonColumn = (options: ColumnOptions = {}) => Column({ type: 'simple-json', ...options });

/**
 * Money in integer fen: BIGINT on MySQL, INTEGER (64-bit) on SQLite, read back as a JavaScript number on both.
 * Inputs are bounded far below 2^53 (policy maxAmountFen), so the number is exact.
 */
export const FenColumn = (options: ColumnOptions = {}) => Column({
  type: 'bigint',
  transformer: { to: (value: unknown) => value, from: (value: unknown) => (value === null || value === undefined ? value : Number(value)) },
  ...options,
});
