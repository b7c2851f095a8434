/**
 * Whether SQLite's `path` names a plain file: not `:memory:`, not "" (a temporary database, private to its
 * connection), not a `file:` URI. Only such a file can be created 0600 beforehand or opened by a second connection.
 */
export function namesSqliteFile(path: string): boolean {
  return path !== "" && path !== ":memory:" && !path.startsWith("file:");
}
