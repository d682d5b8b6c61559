import { Column, ColumnOptions } from 'typeorm';

/** UTC timestamp with millisecond precision (datetime(3) on MySQL, ISO-like text on SQLite). */
export const TimestampColumn = (options: ColumnOptions = {}) => Column({ type: 'datetime', ...options });

/** JSON document stored as text (longtext on MySQL, see the migrations). */
export const JsonColumn = (options: ColumnOptions = {}) => Column({ type: 'simple-json', ...options });
