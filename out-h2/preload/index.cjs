let electron = require("electron");
// src/preload/index.ts
var BOOTSTRAP = "counterfoil:bootstrap";
var REVEAL_DATABASE = "counterfoil:reveal-database";
var COPY = "counterfoil:copy-to-clipboard";
var boot = electron.ipcRenderer.sendSync(BOOTSTRAP);
if (boot) {
	const bridge = {
		baseUrl: boot.baseUrl,
		token: boot.token,
		native: {
			revealDatabase: () => electron.ipcRenderer.invoke(REVEAL_DATABASE),
			copyToClipboard: (text) => electron.ipcRenderer.invoke(COPY, String(text))
		}
	};
	electron.contextBridge.exposeInMainWorld("counterfoil", bridge);
}
