/**
 * Values of raw query rows (`getRawMany`, `manager.query`), which bypass the entities' column types:
 * JSON columns arrive as text on both dialects, datetimes as Dates from mysql2 (timezone Z) and as
 * 'YYYY-MM-DD HH:MM:SS.SSS' UTC text from SQLite.
 */
export function parseJsonColumn(value: unknown): any {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export function parseDateColumn(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  const date = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A Date as a raw statement parameter for a datetime column: UTC 'YYYY-MM-DD HH:MM:SS.SSS', as TypeORM writes it on both dialects. */
export function dateParameter(value: Date): string {
  return value.toISOString().replace('T', ' ').replace('Z', '');
}
