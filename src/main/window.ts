import { BrowserWindow, session, type WebContents } from 'electron';

/** The window may load only the engine's own pages and talk only to it. */
function cspFor(origin: string): string {
  return [
    `default-src ${origin}`,
    `script-src ${origin}`,
    `style-src ${origin}`,
    `img-src ${origin} data:`,
    `connect-src ${origin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Refuses every navigation away from the engine's origin, every new window and every <webview>. */
export function lockDown(contents: WebContents, origin: string): void {
  contents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== origin) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (new URL(url).origin !== origin) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * Opens the one window, hardened: isolated, sandboxed, no Node in the page,
 * a CSP that allows only the engine's loopback origin (which also serves the
 * app itself), and no permission (camera, notifications, …) ever granted.
 */
export function createMainWindow(baseUrl: string, preloadPath: string): BrowserWindow {
  const origin = new URL(baseUrl).origin;
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [cspFor(origin)] },
    });
  });

  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Counterfoil',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockDown(win.webContents, origin);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${origin}/`);
  return win;
}
