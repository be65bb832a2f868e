import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { createEngine, type Engine } from '../engine/engine';
import { createMainWindow, lockDown } from './window';
import { registerNativeActions } from './native-actions';

// Built layout: out/main/index.cjs beside out/preload and out/renderer.
const here = dirname(fileURLToPath(import.meta.url));
// The Electron build of better-sqlite3 lives under the app root (.native/electron/).
process.env.COUNTERFOIL_ROOT ??= app.getAppPath();

let engine: Engine | undefined;
let stopping = false;

async function launch(): Promise<void> {
  const dataDir = join(app.getPath('userData'), 'sandbox');
  mkdirSync(dataDir, { recursive: true });
  const dbPath = join(dataDir, 'sandbox.db');
  engine = createEngine({ dbPath, host: '127.0.0.1', port: 0, rendererDir: join(here, '..', 'renderer') });
  const baseUrl = await engine.start();
  registerNativeActions({ baseUrl, token: engine.token }, dbPath);
  app.on('web-contents-created', (_event, contents) => lockDown(contents, new URL(baseUrl).origin));
  createMainWindow(baseUrl, join(here, '..', 'preload', 'index.cjs'));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  // Stop the engine before exiting: webhook attempts in flight finish and the database closes cleanly.
  app.on('before-quit', (event) => {
    if (!engine || stopping) return;
    event.preventDefault();
    stopping = true;
    engine.stop().finally(() => {
      engine = undefined;
      app.quit();
    });
  });
  app.whenReady().then(launch, (err: Error) => {
    console.error(`counterfoil: cannot start: ${err.message}`);
    app.exit(1);
  });
}
