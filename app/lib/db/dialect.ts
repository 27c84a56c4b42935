/**
 * The few ways our raw SQL differs between SQLite and PostgreSQL, in one place
 * (docs/decisions/0012-postgresql.md). Raw SQL is written once, with `?` placeholders and these
 * helpers; callers never branch on the database. Pure.
 */

export type DialectName = "sqlite" | "postgresql";

export interface SqlDialect {
  readonly name: DialectName;
  /** Our SQL uses `?` placeholders (never inside literals); PostgreSQL numbers them ($1, $2, …). */
  sql(text: string): string;
  /** The value bound for a Boolean column (SQLite stores 0/1). */
  bool(value: boolean): boolean | number;
  /** `column` is one of the integers bound at this placeholder with `intList`. */
  inIntList(column: string): string;
  intList(values: number[]): unknown;
}

const sqlite: SqlDialect = {
  name: "sqlite",
  sql: (text) => text,
  bool: (value) => (value ? 1 : 0),
  inIntList: (column) => `${column} IN (SELECT value FROM json_each(?))`,
  intList: (values) => JSON.stringify(values),
};

const postgresql: SqlDialect = {
  name: "postgresql",
  sql(text) {
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  },
  bool: (value) => value,
  inIntList: (column) => `${column} = ANY(?::int[])`,
  intList: (values) => values,
};

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function dialectFor(url: string): SqlDialect {
  return isPostgresUrl(url) ? postgresql : sqlite;
}
