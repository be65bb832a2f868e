require("./chunks/rolldown-runtime-10nMEhjP.cjs");
const require_engine = require("./chunks/engine-kDS22azx.cjs");
let node_fs = require("node:fs");
let node_path = require("node:path");
let node_url = require("node:url");
let electron = require("electron");
// src/main/window.ts
/** The window may load only the engine's own pages and talk only to it. */
function cspFor(origin) {
	return [
		`default-src ${origin}`,
		`script-src ${origin}`,
		`style-src ${origin}`,
		`img-src ${origin} data:`,
		`connect-src ${origin}`,
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'none'"
	].join("; ");
}
/** Refuses every navigation away from the engine's origin, every new window and every <webview>. */
function lockDown(contents, origin) {
	contents.on("will-navigate", (event, url) => {
		if (new URL(url).origin !== origin) event.preventDefault();
	});
	contents.on("will-redirect", (event, url) => {
		if (new URL(url).origin !== origin) event.preventDefault();
	});
	contents.on("will-attach-webview", (event) => event.preventDefault());
	contents.setWindowOpenHandler(() => ({ action: "deny" }));
}
/**
* Opens the one window, hardened: isolated, sandboxed, no Node in the page,
* a CSP that allows only the engine's loopback origin (which also serves the
* app itself), and no permission (camera, notifications, \u2026) ever granted.
*/
function createMainWindow(baseUrl, preloadPath) {
	const origin = new URL(baseUrl).origin;
	const ses = electron.session.defaultSession;
	ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
	ses.setPermissionCheckHandler(() => false);
	ses.webRequest.onHeadersReceived((details, callback) => {
		callback({ responseHeaders: {
			...details.responseHeaders,
			"Content-Security-Policy": [cspFor(origin)]
		} });
	});
	const win = new electron.BrowserWindow({
		width: 1400,
		height: 900,
		minWidth: 960,
		minHeight: 600,
		show: false,
		title: "Counterfoil",
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
			disableBlinkFeatures: "Auxclick"
		}
	});
	lockDown(win.webContents, origin);
	win.once("ready-to-show", () => win.show());
	win.loadURL(`${origin}/`);
	return win;
}
// src/main/native-actions.ts
var BOOTSTRAP = "counterfoil:bootstrap";
var REVEAL_DATABASE = "counterfoil:reveal-database";
var COPY = "counterfoil:copy-to-clipboard";
var MAX_COPY = 5242880;
/** Only the engine's own page may ask: a frame from anywhere else gets nothing. */
function fromApp(event, origin) {
	const url = event.senderFrame?.url;
	return !!url && new URL(url).origin === origin;
}
/** Answers the preload's bootstrap and the named native actions of the bridge contract. */
function registerNativeActions(boot, dbPath) {
	const origin = new URL(boot.baseUrl).origin;
	electron.ipcMain.on(BOOTSTRAP, (event) => {
		event.returnValue = fromApp(event, origin) ? boot : null;
	});
	electron.ipcMain.handle(REVEAL_DATABASE, (event) => {
		if (fromApp(event, origin)) electron.shell.showItemInFolder(dbPath);
	});
	electron.ipcMain.handle(COPY, (event, text) => {
		if (fromApp(event, origin) && typeof text === "string" && text.length <= MAX_COPY) electron.clipboard.writeText(text);
	});
}
// src/main/index.ts
var here = (0, node_path.dirname)((0, node_url.fileURLToPath)(require("url").pathToFileURL(__filename).href));
process.env.COUNTERFOIL_ROOT ??= electron.app.getAppPath();
var engine;
var stopping = false;
async function launch() {
	const dataDir = (0, node_path.join)(electron.app.getPath("userData"), "sandbox");
	(0, node_fs.mkdirSync)(dataDir, { recursive: true });
	const dbPath = (0, node_path.join)(dataDir, "sandbox.db");
	engine = require_engine.createEngine({
		dbPath,
		host: "127.0.0.1",
		port: 0,
		rendererDir: (0, node_path.join)(here, "..", "renderer")
	});
	const baseUrl = await engine.start();
	registerNativeActions({
		baseUrl,
		token: engine.token
	}, dbPath);
	electron.app.on("web-contents-created", (_event, contents) => lockDown(contents, new URL(baseUrl).origin));
	createMainWindow(baseUrl, (0, node_path.join)(here, "..", "preload", "index.cjs"));
}
if (!electron.app.requestSingleInstanceLock()) electron.app.quit();
else {
	electron.app.on("second-instance", () => {
		const win = electron.BrowserWindow.getAllWindows()[0];
		if (win) {
			if (win.isMinimized()) win.restore();
			win.focus();
		}
	});
	electron.app.on("window-all-closed", () => electron.app.quit());
	electron.app.on("before-quit", (event) => {
		if (!engine || stopping) return;
		event.preventDefault();
		stopping = true;
		engine.stop().finally(() => {
			engine = void 0;
			electron.app.quit();
		});
	});
	electron.app.whenReady().then(launch, (err) => {
		console.error(`counterfoil: cannot start: ${err.message}`);
		electron.app.exit(1);
	});
}
