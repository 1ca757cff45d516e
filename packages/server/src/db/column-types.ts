import type { ColumnType } from 'kysely';

/** Column types every module's tables.ts may use (read as T, written as T or its text). */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T> = ColumnType<T, string | T, string | T>;
