const require_rolldown_runtime = require("./chunks/rolldown-runtime-10nMEhjP.cjs");
let node_fs = require("node:fs");
let node_path = require("node:path");
let node_url = require("node:url");
let node_module = require("node:module");
node_module = require_rolldown_runtime.__toESM(node_module, 1);
let node_vm = require("node:vm");
// src/cli/compile-cache.ts
/** How long a process runs before its cache is written: startup and the first requests. */
var WRITE_AFTER_MS = 2e3;
function installCompileCache(root, cacheDir) {
	const proto = node_module.default.prototype;
	const original = proto._compile;
	const pending = [];
	const compiled = /* @__PURE__ */ new Map();
	proto._compile = function(content, filename, format) {
		if (!filename.startsWith(root + node_path.sep) || format !== void 0 && format !== "commonjs") return original.call(this, content, filename, format);
		const file = cacheFileOf(root, cacheDir, filename);
		const cachedData = file ? readOrUndefined(file) : void 0;
		const script = new node_vm.Script(node_module.default.wrap(content), {
			filename,
			cachedData,
			importModuleDynamically: node_vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
		});
		const hit = cachedData !== void 0 && !script.cachedDataRejected;
		compiled.set(filename, hit ? "cached" : "compiled");
		if (!hit && file) pending.push({
			script,
			file
		});
		return script.runInThisContext({ displayErrors: true }).call(this.exports, this.exports, (0, node_module.createRequire)(filename), this, filename, (0, node_path.dirname)(filename));
	};
	const flush = () => {
		for (const { script, file } of pending.splice(0)) {
			const tmp = `${file}.${process.pid}.tmp`;
			try {
				(0, node_fs.mkdirSync)((0, node_path.dirname)(file), { recursive: true });
				(0, node_fs.writeFileSync)(tmp, script.createCachedData());
				(0, node_fs.renameSync)(tmp, file);
			} catch {
				forget(tmp);
			}
		}
	};
	setTimeout(flush, WRITE_AFTER_MS).unref();
	process.once("exit", flush);
	return {
		flush,
		compiled
	};
}
/** Where the cache of `filename` (a file under `root`) is kept, or undefined for a file that is gone. */
function cacheFileOf(root, cacheDir, filename) {
	try {
		const { size, mtimeMs } = (0, node_fs.statSync)(filename);
		const name = filename.slice(root.length + 1).split(node_path.sep).join("+");
		return (0, node_path.join)(cacheDir, `${name}.${size}.${Math.trunc(mtimeMs)}.v8-${process.versions.v8}.bin`);
	} catch {
		return;
	}
}
function forget(file) {
	try {
		(0, node_fs.rmSync)(file, { force: true });
	} catch {}
}
function readOrUndefined(file) {
	try {
		return (0, node_fs.readFileSync)(file);
	} catch {
		return;
	}
}
// src/cli/start.ts
var here = (0, node_path.dirname)((0, node_url.fileURLToPath)(require("url").pathToFileURL(__filename).href));
var where = process.env.COUNTERFOIL_COMPILE_CACHE;
if (where !== "off") {
	process.env.COUNTERFOIL_COMPILE_CACHE = where || (0, node_path.join)(here, ".cache");
	installCompileCache((0, node_path.dirname)((0, node_path.dirname)(here)), process.env.COUNTERFOIL_COMPILE_CACHE);
}
(0, node_module.createRequire)(require("url").pathToFileURL(__filename).href)((0, node_path.join)(here, "cli-program.cjs"));
