import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from './database.ts';

// The few places where SQLite and PostgreSQL differ live here and nowhere else (DESIGN "What to avoid").

/** An auto-increment integer primary key: `integer primary key autoincrement` / `bigserial`. */
export function addAutoIdColumn<T extends string>(
  engine: Engine,
  table: CreateTableBuilder<T, never>,
  name: string,
): CreateTableBuilder<T, never> {
  if (engine === 'postgres') return table.addColumn(name, 'bigserial', (c: ColumnDefinitionBuilder) => c.primaryKey());
  return table.addColumn(name, 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

/** Refuses every UPDATE and DELETE on a table, on both engines (append-only audit and ledger tables). */
export async function makeAppendOnly(engine: Engine, db: Kysely<unknown>, table: string): Promise<void> {
  if (engine === 'postgres') {
    await sql`CREATE OR REPLACE FUNCTION jixu_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$`.execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION jixu_refuse_change()`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION jixu_refuse_change()`).execute(db);
    return;
  }
  await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
    BEGIN SELECT RAISE(ABORT, 'table ${table} is append-only'); END`).execute(db);
  await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN SELECT RAISE(ABORT, 'table ${table} is append-only'); END`).execute(db);
}

/** True when the error is a unique-constraint violation, whichever engine raised it. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
