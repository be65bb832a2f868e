import type { ApiClient } from '../../app/api-client';

export interface SigmaTableInfo {
  name: string;
  object_type: string;
  columns: string[];
}

export interface QueryResult {
  status: 'completed' | 'failed' | 'timed_out';
  error: string | null;
  columns: string[];
  rows: unknown[][];
  truncated: boolean;
  data_load_time: number;
}

interface FileObject {
  id: string;
  filename: string | null;
  url: string;
}

export const listTables = (client: ApiClient) => client.dashboard<{ data: SigmaTableInfo[] }>('/sigma/tables').then((r) => r.data);

export const runQuery = (client: ApiClient, sql: string) => client.dashboard<QueryResult>('/sigma/query', { method: 'POST', body: { sql } });

/** Runs the query into a File, downloads it with the secret key, as an API user would, and saves it. */
export async function downloadQuery(client: ApiClient, sql: string): Promise<string> {
  const file = await client.dashboard<FileObject>('/sigma/query/file', { method: 'POST', body: { sql, title: 'Dashboard query' } });
  const res = await fetch(file.url, { headers: { Authorization: `Bearer ${client.apiKey}` } });
  if (!res.ok) throw new Error(`The file could not be downloaded (HTTP ${res.status}).`);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = file.filename ?? `${file.id}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1_000);
  return file.id;
}
