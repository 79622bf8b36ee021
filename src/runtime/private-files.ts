/**
 * Files this process creates (the SQLite database and its -wal/-shm, secret files, markers) are
 * readable by the owner only: set before anything opens the database. The database files are
 * also chmod-ed after open (DatabaseFileModes), for files made by an earlier, looser version.
 */
export function keepNewFilesPrivate(): void {
  process.umask(0o077);
}
