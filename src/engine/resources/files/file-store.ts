import type { EngineCore } from '../../context.js';
import { newId } from '../../ids.js';
import type { StripeObject } from '../../store/objects.js';
import { stmt } from '../../store/statements.js';

export const FILE = 'file';

/** What the sandbox creates files for. */
export type FilePurpose = 'finance_report_run' | 'sigma_scheduled_query';

export interface FileObject extends StripeObject {
  object: 'file';
  created: number;
  expires_at: number | null;
  filename: string | null;
  links: { object: 'list'; data: []; has_more: false; url: string };
  purpose: FilePurpose;
  size: number;
  title: string | null;
  type: string | null;
  url: string | null;
}

export interface NewFile {
  purpose: FilePurpose;
  /** The name without its id: `frr_123.csv`. */
  filename: (id: string) => string;
  title: string | null;
  /** When the file stops being downloadable and is removed (sandbox seconds). */
  expiresAt: number;
}

/** A file whose content is partly written: its id, its next chunk and the bytes so far. */
export interface FileProgress {
  id: string;
  seq: number;
  size: number;
}

/** Content is stored in chunks of this many bytes. */
const CHUNK_BYTES = 64 * 1024;

/** The scheduler job that removes a file once its `expires_at` passes. */
export const EXPIRE_FILE_JOB = 'files.expire';

/**
 * Writes a file's content chunk by chunk as it is produced; `finish` stores
 * the File object. Use inside one SQLite transaction, or call `abort` on failure.
 */
export class FileWriter {
  readonly id: string;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private seq: number;
  private size: number;

  /** A new file, or (`from`) one whose content an earlier transaction began, to be continued. */
  constructor(
    private readonly core: EngineCore,
    private readonly meta: NewFile,
    from?: FileProgress,
  ) {
    this.id = from?.id ?? newId('file');
    this.seq = from?.seq ?? 0;
    this.size = from?.size ?? 0;
  }

  /** Stores what is buffered and says where the content stands, for a writer that continues it later. */
  checkpoint(): FileProgress {
    this.flush();
    return { id: this.id, seq: this.seq, size: this.size };
  }

  write(data: string | Buffer): void {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (buf.length === 0) return;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    this.size += buf.length;
    if (this.pendingBytes >= CHUNK_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const all = Buffer.concat(this.pending, this.pendingBytes);
    const insert = stmt(this.core.db, 'INSERT INTO file_chunks (file_id, seq, data) VALUES (?, ?, ?)');
    for (let at = 0; at < all.length; at += CHUNK_BYTES) insert.run(this.id, this.seq++, all.subarray(at, at + CHUNK_BYTES));
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Stores the File object (its content already written) and schedules its removal. */
  finish(): FileObject {
    this.flush();
    const file: FileObject = {
      id: this.id,
      object: 'file',
      created: this.core.clock.now(),
      expires_at: this.meta.expiresAt,
      filename: this.meta.filename(this.id),
      links: { object: 'list', data: [], has_more: false, url: `/v1/file_links?file=${this.id}` },
      purpose: this.meta.purpose,
      size: this.size,
      title: this.meta.title,
      type: 'csv',
      url: `${this.core.serverUrl()}/v1/files/${this.id}/contents`,
    };
    this.core.store.insert(file);
    this.core.scheduler.schedule(EXPIRE_FILE_JOB, this.meta.expiresAt, { id: this.id });
    this.core.changes.publish({ kind: 'object', type: FILE, id: this.id });
    return file;
  }

  /** Drops what was written (a run that failed half way). */
  abort(): void {
    this.pending = [];
    this.pendingBytes = 0;
    stmt(this.core.db, 'DELETE FROM file_chunks WHERE file_id = ?').run(this.id);
  }
}

/** A file's content, one stored chunk at a time (the caller streams them out). */
export function* fileChunks(core: EngineCore, id: string): Generator<Buffer> {
  const read = stmt(core.db, 'SELECT data FROM file_chunks WHERE file_id = ? AND seq = ?');
  for (let seq = 0; ; seq++) {
    const row = read.get(id, seq) as { data: Buffer } | undefined;
    if (!row) return;
    yield row.data;
  }
}

/** Removes a file and its content. */
export function removeFile(core: EngineCore, id: string): void {
  stmt(core.db, 'DELETE FROM file_chunks WHERE file_id = ?').run(id);
  if (core.store.get(id, FILE)) {
    core.store.delete(id);
    core.changes.publish({ kind: 'object', type: FILE, id });
  }
}
