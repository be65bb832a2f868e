import { TEST_KEY } from '../support/server.js';

/** Downloads a file's contents with the secret key, as a Stripe file URL is fetched. */
export async function download(url: string, key: string | null = TEST_KEY): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(url, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** A CSV document as rows of cells (RFC 4180 quoting), for checking what a report wrote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** CSV rows as records keyed by the header. */
export function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** A major-unit decimal string (`-12.34`) back in minor units, exactly. */
export function minor(text: string, exponent = 2): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not an amount: ${text}`);
  const frac = (m[3] ?? '').padEnd(exponent, '0');
  if (frac.length !== exponent) throw new Error(`wrong precision: ${text}`);
  const n = Number(m[2] + frac);
  return m[1] ? -n : n;
}
