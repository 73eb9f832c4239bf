/**
 * Where attachment bytes live, behind one small interface so that every server process of a
 * deployment sees the same files: a data folder keeps them as files (`folderAttachmentStore.ts`),
 * a PostgreSQL deployment in the table `attachment_files` (`postgresAttachmentStore.ts`). Names are
 * the stored names the `attachments` rows carry (the sha256 of the content). The services store
 * bytes before the transaction that records them, and check the hash again when reading.
 */
export interface AttachmentStore {
  /** Where the bytes are, for messages (a folder, or a table of a database). */
  readonly location: string;
  /**
   * Writes join the database transaction they are made in (a table of the same database): the
   * services then store and remove bytes inside the transaction that records the change, so a
   * refused upload leaves nothing behind. A folder is not transactional: bytes are written whole
   * before that transaction (an fsync of 20 MB must not hold SQLite's write lock) and unreferenced
   * ones are removed after it, or by the sweep at start (files/sweep.ts).
   */
  readonly transactional: boolean;
  /**
   * Keep `bytes` under `name`, whole or not at all. One already there is kept only if it still
   * has `sha256`; otherwise it is replaced.
   */
  put(name: string, bytes: Uint8Array, options: { what: string; sha256: string }): void;
  /** The bytes stored under `name`, or null when there are none. */
  read(name: string): Buffer | null;
  has(name: string): boolean;
  /**
   * Remove bytes no attachment row refers to any more. Best effort: bytes left behind are only
   * space, the rows that named them are gone either way.
   */
  remove(name: string): void;
  /** Every stored name, sorted. */
  names(): string[];
}
