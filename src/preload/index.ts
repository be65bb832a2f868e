import { contextBridge, ipcRenderer } from 'electron';
import type { Bootstrap, BootstrapChannel, CounterfoilBridge, NativeChannel } from '@shared/bridge';

const BOOTSTRAP: BootstrapChannel = 'counterfoil:bootstrap';
const REVEAL_DATABASE: NativeChannel = 'counterfoil:reveal-database';
const COPY: NativeChannel = 'counterfoil:copy-to-clipboard';

// Synchronous so the page has its connection before any of its scripts run.
const boot = ipcRenderer.sendSync(BOOTSTRAP) as Bootstrap | null;

if (boot) {
  const bridge: CounterfoilBridge = {
    baseUrl: boot.baseUrl,
    token: boot.token,
    native: {
      revealDatabase: () => ipcRenderer.invoke(REVEAL_DATABASE) as Promise<void>,
      copyToClipboard: (text: string) => ipcRenderer.invoke(COPY, String(text)) as Promise<void>,
    },
  };
  contextBridge.exposeInMainWorld('counterfoil', bridge);
}
