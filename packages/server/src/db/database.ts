import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type DbHandle = { db: Db; engine: Engine; destroy: () => Promise<void> };

/** Opens the database: PostgreSQL when a URL is given, else the embedded SQLite file in dataDir. */
export function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string; sqliteFile?: string }): DbHandle {
  if (options.databaseUrl) {
    // int8 (bigserial ids, counts, leaf indexes) as numbers, as SQLite returns them; every value we
    // store stays far below 2^53.
    pg.types.setTypeParser(20, (value) => Number(value));
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', destroy: () => db.destroy() };
  }

  const file = options.sqliteFile ?? path.join(options.dataDir, 'jixu.sqlite');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL for concurrent readers; FULL so a committed transaction survives a power cut; foreign keys
  // are off by default in SQLite; a busy timeout instead of SQLITE_BUSY under concurrent writers.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, engine: 'sqlite', destroy: () => db.destroy() };
}

/**
 * Kysely's SQLite driver prepares every statement on every execution; preparing is most of the cost
 * of a small query (17% of the CPU of `GET /api/v1/me` in a profile, see docs/performance.md). The
 * same SQL text gets the same prepared statement (better-sqlite3 statements are reusable and the
 * driver never runs two at once on one connection). Bounded: the oldest entry goes first.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property !== 'prepare') return Reflect.get(target, property, receiver) as unknown;
      return (source: string) => {
        let statement = cache.get(source);
        if (statement === undefined) {
          statement = prepare(source);
          if (cache.size >= max) cache.delete(cache.keys().next().value!);
          cache.set(source, statement);
        }
        return statement;
      };
    },
  });
}
