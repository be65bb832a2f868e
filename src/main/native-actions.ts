import { clipboard, ipcMain, shell, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { Bootstrap, BootstrapChannel, NativeChannel } from '@shared/bridge';

const BOOTSTRAP: BootstrapChannel = 'counterfoil:bootstrap';
const REVEAL_DATABASE: NativeChannel = 'counterfoil:reveal-database';
const COPY: NativeChannel = 'counterfoil:copy-to-clipboard';
const MAX_COPY = 5 * 1024 * 1024;

/** Only the engine's own page may ask: a frame from anywhere else gets nothing. */
function fromApp(event: IpcMainEvent | IpcMainInvokeEvent, origin: string): boolean {
  const url = event.senderFrame?.url;
  return !!url && new URL(url).origin === origin;
}

/** Answers the preload's bootstrap and the named native actions of the bridge contract. */
export function registerNativeActions(boot: Bootstrap, dbPath: string): void {
  const origin = new URL(boot.baseUrl).origin;
  ipcMain.on(BOOTSTRAP, (event) => {
    event.returnValue = fromApp(event, origin) ? boot : null;
  });
  ipcMain.handle(REVEAL_DATABASE, (event) => {
    if (fromApp(event, origin)) shell.showItemInFolder(dbPath);
  });
  ipcMain.handle(COPY, (event, text: unknown) => {
    if (fromApp(event, origin) && typeof text === 'string' && text.length <= MAX_COPY) clipboard.writeText(text);
  });
}
