/**
 * The two translations the store's SQL needs between the engines, both mechanical:
 * - SQLite's parameters (`?`, `@name`, `:name`, `$name`) become PostgreSQL's numbered `$1, $2 …`;
 * - a mixed-case alias (`AS taskNo`) is quoted wherever it appears, because PostgreSQL folds bare
 *   identifiers to lower case and the services read the alias as written, as SQLite keeps it.
 * Everything else in a statement is written portably in the store (store/*.ts), or chosen per
 * engine there (db/dialect.ts), so what runs on PostgreSQL is what a reader sees in the store.
 * Quoted strings, quoted identifiers and comments are copied untouched.
 */
export interface TranslatedSql {
  text: string;
  /** Positional statement: how many `?` there were. */
  positional: number;
  /** Named statement: the name of each `$n`, in order (a name used twice gets one number). */
  names: readonly string[];
}

export function translateParameters(sql: string): TranslatedSql {
  let out = '';
  let positional = 0;
  const names: string[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (ch === "'" || ch === '"') {
      const end = closingQuote(sql, i, ch);
      out += sql.slice(i, end);
      i = end;
    } else if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '?') {
      positional += 1;
      out += `$${positional}`;
      i += 1;
    } else if ((ch === '@' || ch === '$' || (ch === ':' && next !== ':' && sql[i - 1] !== ':')) && isNameStart(next)) {
      let end = i + 1;
      while (end < sql.length && isNamePart(sql[end])) end += 1;
      const name = sql.slice(i + 1, end);
      let index = names.indexOf(name);
      if (index < 0) {
        names.push(name);
        index = names.length - 1;
      }
      out += `$${index + 1}`;
      i = end;
    } else {
      out += ch;
      i += 1;
    }
  }
  if (positional > 0 && names.length > 0) {
    throw new Error(`SQL mixes positional and named parameters: ${sql.trim().slice(0, 60)}`);
  }
  return { text: quoteMixedCaseAliases(out), positional, names };
}

/** `AS taskNo` → `AS "taskNo"`, and every other bare `taskNo` of the statement (ORDER BY taskNo) with it. */
function quoteMixedCaseAliases(sql: string): string {
  const code = codeSegments(sql);
  const aliases = new Set<string>();
  for (const segment of code) {
    if (!segment.code) continue;
    for (const match of segment.text.matchAll(/\bAS\s+([A-Za-z_][A-Za-z0-9_]*)/gi)) {
      const name = match[1]!;
      if (/[A-Z]/.test(name) && /[a-z]/.test(name)) aliases.add(name);
    }
  }
  if (aliases.size === 0) return sql;
  const pattern = new RegExp(`(?<![.\\w"])(${[...aliases].join('|')})(?![\\w"])`, 'g');
  return code.map((segment) => (segment.code ? segment.text.replace(pattern, '"$1"') : segment.text)).join('');
}

/** The statement cut into code and non-code (quoted strings and identifiers, comments). */
function codeSegments(sql: string): { code: boolean; text: string }[] {
  const segments: { code: boolean; text: string }[] = [];
  let start = 0;
  let i = 0;
  const push = (code: boolean, end: number) => {
    if (end > start) segments.push({ code, text: sql.slice(start, end) });
    start = end;
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    let end = -1;
    if (ch === "'" || ch === '"') end = closingQuote(sql, i, ch);
    else if (ch === '-' && next === '-') {
      const newline = sql.indexOf('\n', i);
      end = newline < 0 ? sql.length : newline;
    } else if (ch === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      end = close < 0 ? sql.length : close + 2;
    }
    if (end < 0) {
      i += 1;
      continue;
    }
    push(true, i);
    push(false, end);
    i = end;
  }
  push(true, sql.length);
  return segments;
}

function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}

function isNameStart(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z_]/.test(ch);
}

function isNamePart(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_]/.test(ch);
}

/** The values of a call in `$n` order, as better-sqlite3 binds them (an object for a named statement). */
export function bindValues(translated: TranslatedSql, args: readonly unknown[]): unknown[] {
  if (translated.names.length === 0) {
    // better-sqlite3 also takes the values as one array; an array value of its own (a text[] parameter) is kept.
    const only = args[0];
    const flat =
      args.length === 1 && Array.isArray(only) && translated.positional !== 1 ? (only as unknown[]) : [...args];
    if (flat.length !== translated.positional) {
      throw new RangeError(
        `Too ${flat.length < translated.positional ? 'few' : 'many'} parameter values were provided`,
      );
    }
    return flat;
  }
  const named = args[0];
  if (args.length !== 1 || typeof named !== 'object' || named === null) {
    throw new TypeError('Named parameters need one object of values');
  }
  return translated.names.map((name) => {
    if (!(name in named)) throw new RangeError(`Missing named parameter "${name}"`);
    return (named as Record<string, unknown>)[name];
  });
}

/** better-sqlite3's `readonly`: a statement that cannot change the database. */
export function isReadOnlyStatement(sql: string): boolean {
  const body = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ').trim();
  const first = /^[A-Za-z]+/.exec(body)?.[0]?.toUpperCase();
  if (first === 'SELECT' || first === 'VALUES') return !/\bFOR\s+(UPDATE|SHARE)\b/i.test(body);
  if (first === 'WITH') return !/\b(INSERT|UPDATE|DELETE)\b/i.test(stripStrings(body));
  return false;
}

function stripStrings(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, "''");
}
