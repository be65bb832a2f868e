// The one contract between the Electron preload and the renderer (and the
// main process that answers the native actions). Types only: preload and main
// declare their channel constants against these types, so a rename breaks the
// build instead of the app.

/** What the preload exposes as `window.counterfoil` through contextBridge. */
export interface CounterfoilBridge {
  /** The engine's loopback origin, e.g. `http://127.0.0.1:52311`. */
  baseUrl: string;
  /** The per-launch dashboard token. */
  token: string;
  native: NativeActions;
}

/** Native actions the renderer may ask of the main process; nothing else crosses. */
export interface NativeActions {
  /** Shows the sandbox database file in the system file manager. */
  revealDatabase(): Promise<void>;
  copyToClipboard(text: string): Promise<void>;
}

/** IPC channel per native action. */
export type NativeChannel = 'counterfoil:reveal-database' | 'counterfoil:copy-to-clipboard';

/** Channel used synchronously by the preload to read the launch settings. */
export type BootstrapChannel = 'counterfoil:bootstrap';

export interface Bootstrap {
  baseUrl: string;
  token: string;
}
