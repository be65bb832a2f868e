import type { CounterfoilBridge } from '@shared/bridge';

/** Where the engine is and how to prove we may use its dashboard API. */
export interface Connection {
  baseUrl: string;
  token: string;
  /** Native actions exist only inside the desktop window. */
  native: CounterfoilBridge['native'] | null;
}

declare global {
  interface Window {
    counterfoil?: CounterfoilBridge;
  }
}

/**
 * In the desktop window the preload hands over the engine's origin and token;
 * in a browser the page is served by the engine itself and the token arrives
 * once in the URL (as Jupyter does), after which it is kept for the tab only
 * and removed from the address bar so it is not bookmarked or shared.
 */
export function resolveConnection(): Connection | null {
  if (window.counterfoil) {
    const { baseUrl, token, native } = window.counterfoil;
    return { baseUrl, token, native };
  }
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('counterfoil-token', fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  const token = fromUrl ?? sessionStorage.getItem('counterfoil-token');
  if (!token) return null;
  return { baseUrl: window.location.origin, token, native: null };
}
