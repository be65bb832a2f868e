/** What answers on a port the server could not take. */
export type PortHolder = { kind: 'counterfoil'; tokenMatches: boolean } | { kind: 'other' };

/**
 * Asks whoever holds `baseUrl` whether it is Counterfoil: its clock control
 * answers 200 with our token, or 401 with the dashboard guard's own message.
 */
export async function probe(baseUrl: string, token: string, timeoutMs = 2000): Promise<PortHolder> {
  try {
    const res = await fetch(`${baseUrl}/_counterfoil/clock`, {
      headers: { 'x-counterfoil-token': token },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => null)) as { now?: unknown; error?: { message?: string } } | null;
    if (res.status === 200 && typeof body?.now === 'number') return { kind: 'counterfoil', tokenMatches: true };
    if (res.status === 401 && body?.error?.message?.includes('dashboard API needs the token')) {
      return { kind: 'counterfoil', tokenMatches: false };
    }
  } catch {
    /* not an HTTP server we know */
  }
  return { kind: 'other' };
}

/** The line a second `serve` prints instead of a bare EADDRINUSE; exit code 0 when Counterfoil holds the port. */
export function alreadyRunningMessage(baseUrl: string, token: string, holder: PortHolder, port: number): { text: string; code: number } {
  if (holder.kind === 'counterfoil') {
    const dashboard = holder.tokenMatches
      ? ` — dashboard: ${baseUrl}/?token=${token}`
      : ' (with another dashboard token: open the URL that instance printed)';
    return { text: `Counterfoil is already running at ${baseUrl}${dashboard}`, code: 0 };
  }
  return {
    text: `counterfoil: port ${port} is in use by another program (not Counterfoil). Choose another with --port N, or --port 0 for any free one.`,
    code: 1,
  };
}
