const require_rolldown_runtime = require("./chunks/rolldown-runtime-10nMEhjP.cjs");
const require_engine = require("./chunks/engine-DfYSuk8i.cjs");
let node_fs = require("node:fs");
let node_path = require("node:path");
let node_url = require("node:url");
let node_crypto = require("node:crypto");
let node_util = require("node:util");
let node_os = require("node:os");
// src/cli/already-running.ts
/**
* Asks whoever holds `baseUrl` whether it is Counterfoil: its clock control
* answers 200 with our token, or 401 with the dashboard guard's own message.
*/
async function probe(baseUrl, token, timeoutMs = 2e3) {
	try {
		const res = await fetch(`${baseUrl}/_counterfoil/clock`, {
			headers: { "x-counterfoil-token": token },
			signal: AbortSignal.timeout(timeoutMs)
		});
		const body = await res.json().catch(() => null);
		if (res.status === 200 && typeof body?.now === "number") return {
			kind: "counterfoil",
			tokenMatches: true
		};
		if (res.status === 401 && body?.error?.message?.includes("dashboard API needs the token")) return {
			kind: "counterfoil",
			tokenMatches: false
		};
	} catch {}
	return { kind: "other" };
}
/** The line a second `serve` prints instead of a bare EADDRINUSE; exit code 0 when Counterfoil holds the port. */
function alreadyRunningMessage(baseUrl, token, holder, port) {
	if (holder.kind === "counterfoil") return {
		text: `Counterfoil is already running at ${baseUrl}${holder.tokenMatches ? ` \u2014 dashboard: ${baseUrl}/?token=${token}` : " (with another dashboard token: open the URL that instance printed)"}`,
		code: 0
	};
	return {
		text: `counterfoil: port ${port} is in use by another program (not Counterfoil). Choose another with --port N, or --port 0 for any free one.`,
		code: 1
	};
}
// src/cli/args.ts
var USAGE = `Usage: counterfoil serve [options]

Runs the Counterfoil sandbox headless: the Stripe API under /v1 and the dashboard.

Options:
  --port N      port to listen on (default 12111; 0 picks a free one)
  --host H      address to listen on (default 127.0.0.1)
  --db PATH     sandbox database file, or :memory: (default: sandbox.db in the data directory)
  --token T     dashboard token (default: $COUNTERFOIL_TOKEN or a random one)
  --allow-host NAME     also answer requests whose Host is NAME (a container or tunnel name;
                        NAME:PORT for one port only); repeat or separate with commas.
                        Other Hosts are refused, so a web page cannot reach the sandbox by DNS rebinding
  --webhook-retries S   seconds between webhook retries, comma-separated (default 60,300,1800,3600,7200,10800)
  --webhook-timeout MS  how long a webhook attempt may take (default 10000)
  --log-limit N         how many API requests the request log keeps (default 10000)
  -h, --help    show this help`;
/** Parses `serve`'s flags; throws with a readable message on bad input. */
function parseServeArgs(argv) {
	const { values } = (0, node_util.parseArgs)({
		args: argv,
		options: {
			port: { type: "string" },
			host: { type: "string" },
			db: { type: "string" },
			token: { type: "string" },
			"allow-host": {
				type: "string",
				multiple: true
			},
			"webhook-retries": { type: "string" },
			"webhook-timeout": { type: "string" },
			"log-limit": { type: "string" },
			help: {
				type: "boolean",
				short: "h"
			}
		},
		strict: true
	});
	const port = values.port === void 0 ? 12111 : Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
	const settings = {};
	if (values["webhook-retries"] !== void 0) {
		const schedule = values["webhook-retries"].split(",").filter(Boolean).map(Number);
		if (schedule.some((n) => !Number.isFinite(n) || n <= 0)) throw new Error(`--webhook-retries takes positive seconds separated by commas, got ${values["webhook-retries"]}`);
		settings.webhookRetrySchedule = schedule;
	}
	if (values["webhook-timeout"] !== void 0) settings.webhookTimeoutMs = positive("--webhook-timeout", values["webhook-timeout"]);
	if (values["log-limit"] !== void 0) settings.requestLogLimit = positive("--log-limit", values["log-limit"]);
	const allowHosts = (values["allow-host"] ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
	for (const h of allowHosts) if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.test(h)) throw new Error(`--allow-host takes a host name or name:port, got ${h}`);
	return {
		host: values.host ?? "127.0.0.1",
		port,
		db: values.db,
		token: values.token,
		allowHosts,
		settings,
		help: values.help ?? false
	};
}
function positive(flag, value) {
	const n = Number(value);
	if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} takes a positive whole number, got ${value}`);
	return n;
}
// src/cli/data-dir.ts
/** Where a user's sandboxes live by default, per platform convention. */
function defaultDataDir(platform = process.platform, env = process.env) {
	if (env.COUNTERFOIL_HOME) return env.COUNTERFOIL_HOME;
	if (platform === "darwin") return (0, node_path.join)((0, node_os.homedir)(), "Library", "Application Support", "Counterfoil");
	if (platform === "win32") return (0, node_path.join)(env.APPDATA ?? (0, node_path.join)((0, node_os.homedir)(), "AppData", "Roaming"), "Counterfoil");
	return (0, node_path.join)(env.XDG_DATA_HOME ?? (0, node_path.join)((0, node_os.homedir)(), ".local", "share"), "counterfoil");
}
// src/cli/client.ts
var import_lib = /* @__PURE__ */ require_rolldown_runtime.__toESM(require_engine.require_lib(), 1);
var DEFAULT_API_BASE = "http://127.0.0.1:12111";
/** A failure the command reports as one line and a non-zero exit. */
var CliError = class extends Error {};
/** How a command reaches a running sandbox: the API with a secret key, controls with the dashboard token. */
var Sandbox = class {
	env;
	apiBase;
	key;
	givenToken;
	constructor(flags, env = process.env) {
		this.env = env;
		this.apiBase = (flags.apiBase ?? env.COUNTERFOIL_API_BASE ?? "http://127.0.0.1:12111").replace(/\/+$/, "");
		try {
			new URL(this.apiBase);
		} catch {
			throw new CliError(`--api-base must be a URL such as ${DEFAULT_API_BASE}, got ${this.apiBase}`);
		}
		this.key = flags.apiKey ?? env.COUNTERFOIL_API_KEY ?? "sk_test_counterfoil";
		this.givenToken = flags.token ?? env.COUNTERFOIL_TOKEN;
	}
	/** The dashboard token: --token, COUNTERFOIL_TOKEN, else the one `serve` keeps in the default data directory. */
	token() {
		if (this.givenToken) return this.givenToken;
		const file = (0, node_path.join)(defaultDataDir(void 0, this.env), require_engine.TOKEN_FILE);
		try {
			return (0, node_fs.readFileSync)(file, "utf8").trim();
		} catch {
			throw new CliError(`this command needs the sandbox's dashboard token: pass --token T or set COUNTERFOIL_TOKEN (it is the ?token= of the dashboard URL \`counterfoil serve\` prints; none found in ${file})`);
		}
	}
	async send(url, init) {
		try {
			return await fetch(url, init);
		} catch (err) {
			const code = err.cause?.code ?? err.message;
			throw new CliError(`no Counterfoil is running at ${this.apiBase} (${code}): start one with \`counterfoil serve\`, or point --api-base at it`);
		}
	}
	async parse(res, what, control) {
		const text = await res.text();
		let body;
		try {
			body = JSON.parse(text);
		} catch {
			throw new CliError(`${this.apiBase} answered ${what} with ${res.status} and no JSON: is it Counterfoil? (point --api-base at a running \`counterfoil serve\`)`);
		}
		if (!res.ok) {
			const message = body?.error?.message ?? text.slice(0, 200);
			if (control && res.status === 401) throw new CliError(`the sandbox at ${this.apiBase} refused the dashboard token: pass --token T or set COUNTERFOIL_TOKEN (${message})`);
			throw new CliError(`${what} answered ${res.status}: ${message}`);
		}
		return body;
	}
	/** A `/v1` request, form-encoded as the SDKs send it. */
	async api(method, path, params) {
		let url = `${this.apiBase}${path}`;
		const headers = { authorization: `Bearer ${this.key}` };
		let body;
		const encoded = params ? import_lib.default.stringify(params, { arrayFormat: "indices" }) : "";
		if (method === "POST") {
			headers["content-type"] = "application/x-www-form-urlencoded";
			body = encoded;
		} else if (encoded) url += `?${encoded}`;
		const res = await this.send(url, {
			method,
			headers,
			body
		});
		return this.parse(res, `${method} ${path}`, false);
	}
	/** A `/_counterfoil` control with the dashboard token (JSON in, JSON out). */
	async control(method, path, body, query) {
		const token = this.token();
		const q = query ? `?${import_lib.default.stringify(query)}` : "";
		const res = await this.send(`${this.apiBase}/_counterfoil${path}${q}`, {
			method,
			headers: {
				"x-counterfoil-token": token,
				...body ? { "content-type": "application/json" } : {}
			},
			body: body ? JSON.stringify(body) : void 0
		});
		return this.parse(res, `${method} /_counterfoil${path}`, true);
	}
	/** Fails with one clear line unless a Counterfoil answers at the API base with this token. */
	async ensureRunning() {
		await this.control("GET", "/clock");
	}
	/**
	* Follows the dashboard's live stream: calls `onBatch` with each message's
	* changes, in order (the next waits for the previous). Resolves when the
	* stream ends or `signal` aborts.
	*/
	async stream(onBatch, signal) {
		const res = await this.send(`${this.apiBase}/_counterfoil/dashboard/stream`, {
			headers: {
				"x-counterfoil-token": this.token(),
				accept: "text/event-stream"
			},
			signal
		});
		if (!res.ok || !res.body) await this.parse(res, "the live stream", true);
		const decoder = new TextDecoder();
		let buffer = "";
		let chain = Promise.resolve();
		try {
			for await (const chunk of res.body) {
				buffer += decoder.decode(chunk, { stream: true });
				let end;
				while ((end = buffer.indexOf("\n\n")) >= 0) {
					const message = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					const data = message.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("");
					if (!data) continue;
					const changes = JSON.parse(data);
					chain = chain.then(() => onBatch(changes));
				}
			}
		} catch (err) {
			if (!signal.aborted) throw err;
		}
		await chain;
	}
};
/** `2026-01-01 12:00:00` in local time, as the Stripe CLI stamps its lines. */
function stamp(ms) {
	const d = new Date(ms);
	const p = (n) => String(n).padStart(2, "0");
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
/** Up to `max` known names closest to `name`: same prefix first, then by edit distance. */
function nearMatches(name, known, max = 5) {
	const distance = (a, b) => {
		const row = Array.from({ length: b.length + 1 }, (_, i) => i);
		for (let i = 1; i <= a.length; i++) {
			let prev = row[0];
			row[0] = i;
			for (let j = 1; j <= b.length; j++) {
				const cur = row[j];
				row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
				prev = cur;
			}
		}
		return row[b.length];
	};
	const lower = name.toLowerCase();
	const scored = known.map((k) => {
		const shared = lower.split(".").filter((p) => p && k.split(".").includes(p)).length;
		return {
			k,
			score: distance(lower, k) - shared * 4 - (k.includes(lower) ? 10 : 0)
		};
	});
	const limit = Math.max(4, Math.floor(name.length / 2));
	return scored.filter((s) => s.score <= limit).sort((a, b) => a.score - b.score || a.k.localeCompare(b.k)).slice(0, max).map((s) => s.k);
}
// node_modules/cac/dist/index.js
function toArr(any) {
	return any == null ? [] : Array.isArray(any) ? any : [any];
}
function toVal(out, key, val, opts) {
	var x, old = out[key], nxt = !!~opts.string.indexOf(key) ? val == null || val === true ? "" : String(val) : typeof val === "boolean" ? val : !!~opts.boolean.indexOf(key) ? val === "false" ? false : val === "true" || (out._.push((x = +val, x * 0 === 0) ? x : val), !!val) : (x = +val, x * 0 === 0) ? x : val;
	out[key] = old == null ? nxt : Array.isArray(old) ? old.concat(nxt) : [old, nxt];
}
function lib_default(args, opts) {
	args = args || [];
	opts = opts || {};
	var k, arr, arg, name, val, out = { _: [] };
	var i = 0, j = 0, idx = 0, len = args.length;
	const alibi = opts.alias !== void 0;
	const strict = opts.unknown !== void 0;
	const defaults = opts.default !== void 0;
	opts.alias = opts.alias || {};
	opts.string = toArr(opts.string);
	opts.boolean = toArr(opts.boolean);
	if (alibi) for (k in opts.alias) {
		arr = opts.alias[k] = toArr(opts.alias[k]);
		for (i = 0; i < arr.length; i++) (opts.alias[arr[i]] = arr.concat(k)).splice(i, 1);
	}
	for (i = opts.boolean.length; i-- > 0;) {
		arr = opts.alias[opts.boolean[i]] || [];
		for (j = arr.length; j-- > 0;) opts.boolean.push(arr[j]);
	}
	for (i = opts.string.length; i-- > 0;) {
		arr = opts.alias[opts.string[i]] || [];
		for (j = arr.length; j-- > 0;) opts.string.push(arr[j]);
	}
	if (defaults) for (k in opts.default) {
		name = typeof opts.default[k];
		arr = opts.alias[k] = opts.alias[k] || [];
		if (opts[name] !== void 0) {
			opts[name].push(k);
			for (i = 0; i < arr.length; i++) opts[name].push(arr[i]);
		}
	}
	const keys = strict ? Object.keys(opts.alias) : [];
	for (i = 0; i < len; i++) {
		arg = args[i];
		if (arg === "--") {
			out._ = out._.concat(args.slice(++i));
			break;
		}
		for (j = 0; j < arg.length; j++) if (arg.charCodeAt(j) !== 45) break;
		if (j === 0) out._.push(arg);
		else if (arg.substring(j, j + 3) === "no-") {
			name = arg.substring(j + 3);
			if (strict && !~keys.indexOf(name)) return opts.unknown(arg);
			out[name] = false;
		} else {
			for (idx = j + 1; idx < arg.length; idx++) if (arg.charCodeAt(idx) === 61) break;
			name = arg.substring(j, idx);
			val = arg.substring(++idx) || i + 1 === len || ("" + args[i + 1]).charCodeAt(0) === 45 || args[++i];
			arr = j === 2 ? [name] : name;
			for (idx = 0; idx < arr.length; idx++) {
				name = arr[idx];
				if (strict && !~keys.indexOf(name)) return opts.unknown("-".repeat(j) + name);
				toVal(out, name, idx + 1 < arr.length || val, opts);
			}
		}
	}
	if (defaults) {
		for (k in opts.default) if (out[k] === void 0) out[k] = opts.default[k];
	}
	if (alibi) for (k in out) {
		arr = opts.alias[k] || [];
		while (arr.length > 0) out[arr.shift()] = out[k];
	}
	return out;
}
function removeBrackets(v) {
	return v.replace(/[<[].+/, "").trim();
}
function findAllBrackets(v) {
	const ANGLED_BRACKET_RE_GLOBAL = /<([^>]+)>/g;
	const SQUARE_BRACKET_RE_GLOBAL = /\[([^\]]+)\]/g;
	const res = [];
	const parse = (match) => {
		let variadic = false;
		let value = match[1];
		if (value.startsWith("...")) {
			value = value.slice(3);
			variadic = true;
		}
		return {
			required: match[0].startsWith("<"),
			value,
			variadic
		};
	};
	let angledMatch;
	while (angledMatch = ANGLED_BRACKET_RE_GLOBAL.exec(v)) res.push(parse(angledMatch));
	let squareMatch;
	while (squareMatch = SQUARE_BRACKET_RE_GLOBAL.exec(v)) res.push(parse(squareMatch));
	return res;
}
function getMriOptions(options) {
	const result = {
		alias: Object.create(null),
		boolean: []
	};
	for (const [index, option] of options.entries()) {
		if (option.names.length > 1) result.alias[option.names[0]] = option.names.slice(1);
		if (option.isBoolean) {
			if (option.negated) {
				if (!options.some((o, i) => {
					return i !== index && o.names.some((name) => option.names.includes(name)) && typeof o.required === "boolean";
				})) result.boolean.push(option.names[0]);
			} else result.boolean.push(option.names[0]);
		}
	}
	return result;
}
function findLongest(arr) {
	return arr.sort((a, b) => b.length - a.length)[0];
}
function padRight(str, length) {
	return str.length >= length ? str : `${str}${" ".repeat(length - str.length)}`;
}
function camelcase(input) {
	return input.replaceAll(/([a-z])-([a-z])/g, (_, p1, p2) => {
		return p1 + p2.toUpperCase();
	});
}
var UNSAFE_KEYS = /* @__PURE__ */ new Set([
	"__proto__",
	"constructor",
	"prototype"
]);
function setDotProp(obj, keys, val) {
	if (keys.some((key) => UNSAFE_KEYS.has(key))) return;
	let current = obj;
	for (let i = 0; i < keys.length; i++) {
		const key = keys[i];
		if (i === keys.length - 1) {
			current[key] = val;
			return;
		}
		if (current[key] == null) {
			const nextKeyIsArrayIndex = +keys[i + 1] > -1;
			current[key] = nextKeyIsArrayIndex ? [] : {};
		}
		current = current[key];
	}
}
function setByType(obj, transforms) {
	for (const [key, transform] of Object.entries(transforms)) if (transform.shouldTransform && key in obj) {
		obj[key] = [obj[key]].flat();
		if (typeof transform.transformFunction === "function") obj[key] = obj[key].map(transform.transformFunction);
	}
}
function getFileName(input) {
	const m = /([^\\/]+)$/.exec(input);
	return m ? m[1] : "";
}
function camelcaseOptionName(name) {
	return name.split(".").map((v, i) => {
		return i === 0 ? camelcase(v) : v;
	}).join(".");
}
var CACError = class extends Error {
	constructor(message) {
		super(message);
		this.name = "CACError";
		if (typeof Error.captureStackTrace !== "function") this.stack = new Error(message).stack;
	}
};
var Option = class {
	rawName;
	description;
	/** Option name */
	name;
	/** Option name and aliases */
	names;
	isBoolean;
	required;
	config;
	negated;
	constructor(rawName, description, config) {
		this.rawName = rawName;
		this.description = description;
		this.config = Object.assign({}, config);
		rawName = rawName.replaceAll(".*", "");
		this.negated = false;
		this.names = removeBrackets(rawName).split(",").map((v) => {
			let name = v.trim().replace(/^-{1,2}/, "");
			if (name.startsWith("no-")) {
				this.negated = true;
				name = name.replace(/^no-/, "");
			}
			return camelcaseOptionName(name);
		}).sort((a, b) => a.length - b.length);
		this.name = this.names.at(-1);
		if (this.negated && this.config.default == null) this.config.default = true;
		if (rawName.includes("<")) this.required = true;
		else if (rawName.includes("[")) this.required = false;
		else this.isBoolean = true;
	}
};
var runtimeInfo;
if (typeof process !== "undefined") {
	let runtimeName;
	if (typeof Deno !== "undefined" && typeof Deno.version?.deno === "string") runtimeName = "deno";
	else if (typeof Bun !== "undefined" && typeof Bun.version === "string") runtimeName = "bun";
	else runtimeName = "node";
	runtimeInfo = `${process.platform}-${process.arch} ${runtimeName}-${process.version}`;
} else if (typeof navigator === "undefined") runtimeInfo = `unknown`;
else runtimeInfo = `${navigator.platform} ${navigator.userAgent}`;
/**
* `process.argv` at call time. It must not be captured when this module is
* imported: a runner may load cac before it rewrites `process.argv` for the
* script it is about to run.
*/
function getRuntimeProcessArgs() {
	return typeof process === "undefined" ? void 0 : process.argv;
}
var Command = class {
	rawName;
	description;
	config;
	cli;
	options;
	aliasNames;
	name;
	args;
	commandAction;
	usageText;
	versionNumber;
	examples;
	helpCallback;
	globalCommand;
	constructor(rawName, description, config = {}, cli) {
		this.rawName = rawName;
		this.description = description;
		this.config = config;
		this.cli = cli;
		this.options = [];
		this.aliasNames = [];
		this.name = removeBrackets(rawName);
		this.args = findAllBrackets(rawName);
		this.examples = [];
	}
	usage(text) {
		this.usageText = text;
		return this;
	}
	allowUnknownOptions() {
		this.config.allowUnknownOptions = true;
		return this;
	}
	ignoreOptionDefaultValue() {
		this.config.ignoreOptionDefaultValue = true;
		return this;
	}
	version(version, customFlags = "-v, --version") {
		this.versionNumber = version;
		this.option(customFlags, "Display version number");
		return this;
	}
	example(example) {
		this.examples.push(example);
		return this;
	}
	/**
	* Add a option for this command
	* @param rawName Raw option name(s)
	* @param description Option description
	* @param config Option config
	*/
	option(rawName, description, config) {
		const option = new Option(rawName, description, config);
		this.options.push(option);
		return this;
	}
	alias(name) {
		this.aliasNames.push(name);
		return this;
	}
	action(callback) {
		this.commandAction = callback;
		return this;
	}
	/**
	* Check if a command name is matched by this command
	* @param name Command name
	*/
	isMatched(name) {
		return this.name === name || this.aliasNames.includes(name);
	}
	get isDefaultCommand() {
		return this.name === "" || this.aliasNames.includes("!");
	}
	get isGlobalCommand() {
		return this instanceof GlobalCommand;
	}
	/**
	* Check if an option is registered in this command
	* @param name Option name
	*/
	hasOption(name) {
		name = name.split(".", 1)[0];
		return this.options.find((option) => {
			return option.names.includes(name);
		});
	}
	outputHelp() {
		const { name, commands } = this.cli;
		const { versionNumber, options: globalOptions, helpCallback } = this.cli.globalCommand;
		let sections = [{ body: `${name}${versionNumber ? `/${versionNumber}` : ""}` }];
		sections.push({
			title: "Usage",
			body: `  $ ${name} ${this.usageText || this.rawName}`
		});
		if ((this.isGlobalCommand || this.isDefaultCommand) && commands.length > 0) {
			const longestCommandName = findLongest(commands.map((command) => command.rawName));
			sections.push({
				title: "Commands",
				body: commands.map((command) => {
					return `  ${padRight(command.rawName, longestCommandName.length)}  ${command.description}`;
				}).join("\n")
			}, {
				title: `For more info, run any command with the \`--help\` flag`,
				body: commands.map((command) => `  $ ${name}${command.name === "" ? "" : ` ${command.name}`} --help`).join("\n")
			});
		}
		let options = this.isGlobalCommand ? globalOptions : [...this.options, ...globalOptions || []];
		if (!this.isGlobalCommand && !this.isDefaultCommand) options = options.filter((option) => option.name !== "version");
		if (options.length > 0) {
			const longestOptionName = findLongest(options.map((option) => option.rawName));
			sections.push({
				title: "Options",
				body: options.map((option) => {
					return `  ${padRight(option.rawName, longestOptionName.length)}  ${option.description} ${option.config.default === void 0 ? "" : `(default: ${option.config.default})`}`;
				}).join("\n")
			});
		}
		if (this.examples.length > 0) sections.push({
			title: "Examples",
			body: this.examples.map((example) => {
				if (typeof example === "function") return example(name);
				return example;
			}).join("\n")
		});
		if (helpCallback) sections = helpCallback(sections) || sections;
		console.info(sections.map((section) => {
			return section.title ? `${section.title}:\n${section.body}` : section.body;
		}).join("\n\n"));
	}
	outputVersion() {
		const { name } = this.cli;
		const { versionNumber } = this.cli.globalCommand;
		if (versionNumber) console.info(`${name}/${versionNumber} ${runtimeInfo}`);
	}
	checkRequiredArgs() {
		const minimalArgsCount = this.args.filter((arg) => arg.required).length;
		if (this.cli.args.length < minimalArgsCount) throw new CACError(`missing required args for command \`${this.rawName}\``);
	}
	/**
	* Check if the parsed options contain any unknown options
	*
	* Exit and output error when true
	*/
	checkUnknownOptions() {
		const { options, globalCommand } = this.cli;
		if (!this.config.allowUnknownOptions) {
			for (const name of Object.keys(options)) if (name !== "--" && !this.hasOption(name) && !globalCommand.hasOption(name)) throw new CACError(`Unknown option \`${name.length > 1 ? `--${name}` : `-${name}`}\``);
		}
	}
	/**
	* Check if the required string-type options exist
	*/
	checkOptionValue() {
		const { options: parsedOptions, globalCommand } = this.cli;
		const options = [...globalCommand.options, ...this.options];
		for (const option of options) {
			const value = parsedOptions[option.name.split(".", 1)[0]];
			if (option.required) {
				const hasNegated = options.some((o) => o.negated && o.names.includes(option.name));
				if (value === true || value === false && !hasNegated) throw new CACError(`option \`${option.rawName}\` value is missing`);
			}
		}
	}
	/**
	* Check if the number of args is more than expected
	*/
	checkUnusedArgs() {
		const maximumArgsCount = this.args.some((arg) => arg.variadic) ? Infinity : this.args.length;
		if (maximumArgsCount < this.cli.args.length) throw new CACError(`Unused args: ${this.cli.args.slice(maximumArgsCount).map((arg) => `\`${arg}\``).join(", ")}`);
	}
};
var GlobalCommand = class extends Command {
	constructor(cli) {
		super("@@global@@", "", {}, cli);
	}
};
var CAC = class extends EventTarget {
	/** The program name to display in help and version message */
	name;
	commands;
	globalCommand;
	matchedCommand;
	matchedCommandName;
	/**
	* Raw CLI arguments
	*/
	rawArgs;
	/**
	* Parsed CLI arguments
	*/
	args;
	/**
	* Parsed CLI options, camelCased
	*/
	options;
	showHelpOnExit;
	showVersionOnExit;
	/**
	* @param name The program name to display in help and version message
	*/
	constructor(name = "") {
		super();
		this.name = name;
		this.commands = [];
		this.rawArgs = [];
		this.args = [];
		this.options = {};
		this.globalCommand = new GlobalCommand(this);
		this.globalCommand.usage("<command> [options]");
	}
	/**
	* Add a global usage text.
	*
	* This is not used by sub-commands.
	*/
	usage(text) {
		this.globalCommand.usage(text);
		return this;
	}
	/**
	* Add a sub-command
	*/
	command(rawName, description, config) {
		const command = new Command(rawName, description || "", config, this);
		command.globalCommand = this.globalCommand;
		this.commands.push(command);
		return command;
	}
	/**
	* Add a global CLI option.
	*
	* Which is also applied to sub-commands.
	*/
	option(rawName, description, config) {
		this.globalCommand.option(rawName, description, config);
		return this;
	}
	/**
	* Show help message when `-h, --help` flags appear.
	*
	*/
	help(callback) {
		this.globalCommand.option("-h, --help", "Display this message");
		this.globalCommand.helpCallback = callback;
		this.showHelpOnExit = true;
		return this;
	}
	/**
	* Show version number when `-v, --version` flags appear.
	*
	*/
	version(version, customFlags = "-v, --version") {
		this.globalCommand.version(version, customFlags);
		this.showVersionOnExit = true;
		return this;
	}
	/**
	* Add a global example.
	*
	* This example added here will not be used by sub-commands.
	*/
	example(example) {
		this.globalCommand.example(example);
		return this;
	}
	/**
	* Output the corresponding help message
	* When a sub-command is matched, output the help message for the command
	* Otherwise output the global one.
	*
	*/
	outputHelp() {
		if (this.matchedCommand) this.matchedCommand.outputHelp();
		else this.globalCommand.outputHelp();
	}
	/**
	* Output the version number.
	*
	*/
	outputVersion() {
		this.globalCommand.outputVersion();
	}
	setParsedInfo({ args, options }, matchedCommand, matchedCommandName) {
		this.args = args;
		this.options = options;
		if (matchedCommand) this.matchedCommand = matchedCommand;
		if (matchedCommandName) this.matchedCommandName = matchedCommandName;
		return this;
	}
	unsetMatchedCommand() {
		this.matchedCommand = void 0;
		this.matchedCommandName = void 0;
	}
	/**
	* Parse argv
	*/
	parse(argv, { run = true } = {}) {
		if (!argv) {
			const runtimeProcessArgs = getRuntimeProcessArgs();
			if (!runtimeProcessArgs) throw new Error("No argv provided and runtime process argv is not available.");
			argv = runtimeProcessArgs;
		}
		this.rawArgs = argv;
		if (!this.name) this.name = argv[1] ? getFileName(argv[1]) : "cli";
		let shouldParse = true;
		for (const command of this.commands) {
			const parsed = this.mri(argv.slice(2), command);
			const commandName = parsed.args[0];
			if (command.isMatched(commandName)) {
				shouldParse = false;
				const parsedInfo = {
					...parsed,
					args: parsed.args.slice(1)
				};
				this.setParsedInfo(parsedInfo, command, commandName);
				this.dispatchEvent(new CustomEvent(`command:${commandName}`, { detail: command }));
			}
		}
		if (shouldParse) {
			for (const command of this.commands) if (command.isDefaultCommand) {
				shouldParse = false;
				const parsed = this.mri(argv.slice(2), command);
				this.setParsedInfo(parsed, command);
				this.dispatchEvent(new CustomEvent("command:!", { detail: command }));
			}
		}
		if (shouldParse) {
			const parsed = this.mri(argv.slice(2));
			this.setParsedInfo(parsed);
		}
		if (this.options.help && this.showHelpOnExit) {
			this.outputHelp();
			run = false;
			this.unsetMatchedCommand();
		}
		if (this.options.version && this.showVersionOnExit && this.matchedCommandName == null) {
			this.outputVersion();
			run = false;
			this.unsetMatchedCommand();
		}
		const parsedArgv = {
			args: this.args,
			options: this.options
		};
		if (run) this.runMatchedCommand();
		if (!this.matchedCommand && this.args[0]) this.dispatchEvent(new CustomEvent("command:*", { detail: this.args[0] }));
		return parsedArgv;
	}
	mri(argv, command) {
		const cliOptions = [...this.globalCommand.options, ...command ? command.options : []];
		const mriOptions = getMriOptions(cliOptions);
		let argsAfterDoubleDashes = [];
		const doubleDashesIndex = argv.indexOf("--");
		if (doubleDashesIndex !== -1) {
			argsAfterDoubleDashes = argv.slice(doubleDashesIndex + 1);
			argv = argv.slice(0, doubleDashesIndex);
		}
		let parsed = lib_default(argv, mriOptions);
		parsed = Object.keys(parsed).reduce((res, name) => {
			return {
				...res,
				[camelcaseOptionName(name)]: parsed[name]
			};
		}, { _: [] });
		const args = parsed._;
		const options = { "--": argsAfterDoubleDashes };
		const ignoreDefault = command && command.config.ignoreOptionDefaultValue ? command.config.ignoreOptionDefaultValue : this.globalCommand.config.ignoreOptionDefaultValue;
		const transforms = Object.create(null);
		for (const cliOption of cliOptions) {
			if (!ignoreDefault && cliOption.config.default !== void 0) for (const name of cliOption.names) options[name] = cliOption.config.default;
			if (Array.isArray(cliOption.config.type) && transforms[cliOption.name] === void 0) {
				transforms[cliOption.name] = Object.create(null);
				transforms[cliOption.name].shouldTransform = true;
				transforms[cliOption.name].transformFunction = cliOption.config.type[0];
			}
		}
		for (const [key, value] of Object.entries(parsed)) if (key !== "_") {
			setDotProp(options, key.split("."), value);
			setByType(options, transforms);
		}
		return {
			args,
			options
		};
	}
	runMatchedCommand() {
		const { args, options, matchedCommand: command } = this;
		if (!command || !command.commandAction) return;
		command.checkUnknownOptions();
		command.checkOptionValue();
		command.checkRequiredArgs();
		command.checkUnusedArgs();
		const actionArgs = [];
		command.args.forEach((arg, index) => {
			if (arg.variadic) actionArgs.push(args.slice(index));
			else actionArgs.push(args[index]);
		});
		actionArgs.push(options);
		return command.commandAction.apply(this, actionArgs);
	}
};
/**
* @param name The program name to display in help and version message
*/
var cac = (name = "") => new CAC(name);
// src/cli/fixtures.ts
/** A fixture file that cannot be run, or a step the server refused: names the fixture and the field. */
var FixtureError = class extends Error {};
var METHODS = /* @__PURE__ */ new Set([
	"get",
	"post",
	"delete"
]);
var REF = /\$\{([^}:]*):([^}]*)\}/g;
var WHOLE_REF = /^\$\{([^}:]*):([^}]*)\}$/;
/** Checks a parsed file's shape; throws a FixtureError naming the fixture and field at fault. */
function parseFixtureFile(value, source = "fixture file") {
	if (!value || typeof value !== "object" || !Array.isArray(value.fixtures)) throw new FixtureError(`${source}: expected an object with a "fixtures" array`);
	const seen = /* @__PURE__ */ new Set();
	value.fixtures.forEach((step, i) => {
		const where = `${source}: fixtures[${i}]${step && typeof step.name === "string" ? ` (${step.name})` : ""}`;
		if (!step || typeof step !== "object") throw new FixtureError(`${where}: expected an object`);
		if (typeof step.name !== "string" || !step.name) throw new FixtureError(`${where}: "name" must be a non-empty string`);
		if (seen.has(step.name)) throw new FixtureError(`${where}: "name" ${step.name} is used twice`);
		seen.add(step.name);
		if (typeof step.path !== "string" || !step.path.startsWith("/")) throw new FixtureError(`${where}: "path" must start with /`);
		if (step.method !== void 0 && !METHODS.has(String(step.method).toLowerCase())) throw new FixtureError(`${where}: "method" must be get, post or delete`);
		if (step.params !== void 0 && (typeof step.params !== "object" || Array.isArray(step.params))) throw new FixtureError(`${where}: "params" must be an object`);
	});
	return value;
}
/** Reads `a.b.0.c` out of a response. */
function dig(value, path) {
	let cur = value;
	for (const part of path.split(".")) {
		if (cur === null || typeof cur !== "object") return void 0;
		cur = cur[part];
	}
	return cur;
}
function resolveRef(name, path, results, target, where) {
	if (name === ".env") {
		const [variable, fallback] = path.split("|");
		const v = (target.env ?? process.env)[variable] ?? fallback;
		if (v === void 0) throw new FixtureError(`${where}: environment variable ${variable} is not set`);
		return v;
	}
	if (!results.has(name)) throw new FixtureError(`${where}: \${${name}:${path}} names no earlier fixture`);
	const v = dig(results.get(name), path);
	if (v === void 0) throw new FixtureError(`${where}: \${${name}:${path}} is not in ${name}'s response`);
	return v;
}
/** Replaces `${name:path}` references; a string that is one reference takes the value as it is. */
function substitute(value, results, target, where) {
	if (typeof value === "string") {
		const whole = WHOLE_REF.exec(value);
		if (whole) return resolveRef(whole[1], whole[2], results, target, where);
		return value.replace(REF, (_m, name, path) => String(resolveRef(name, path, results, target, where)));
	}
	if (Array.isArray(value)) return value.map((v) => substitute(v, results, target, where));
	if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, results, target, where)]));
	return value;
}
/**
* Runs every fixture in order against a running sandbox: `/v1` paths as API
* requests with the secret key (form-encoded, as the SDKs send them),
* `/_counterfoil/` paths as controls with the dashboard token (JSON). Resolves
* each fixture's response by name; a refused request stops the run.
*/
async function runFixtures(file, target) {
	const results = /* @__PURE__ */ new Map();
	for (const step of file.fixtures) {
		const where = `fixture ${step.name}`;
		const method = (step.method ?? "post").toUpperCase();
		const path = substitute(step.path, results, target, where);
		const params = substitute(step.params ?? {}, results, target, where);
		const control = path.startsWith("/_counterfoil/");
		const headers = control ? { "x-counterfoil-token": target.token ?? "" } : { authorization: `Bearer ${target.key}` };
		let url = `${target.apiBase}${path}`;
		let body;
		if (method === "POST") {
			body = control ? JSON.stringify(params) : import_lib.default.stringify(params, { arrayFormat: "indices" });
			headers["content-type"] = control ? "application/json" : "application/x-www-form-urlencoded";
		} else if (Object.keys(params).length > 0) url += `${url.includes("?") ? "&" : "?"}${import_lib.default.stringify(params, { arrayFormat: "indices" })}`;
		let res;
		try {
			res = await fetch(url, {
				method,
				headers,
				body
			});
		} catch (err) {
			throw new FixtureError(`${where}: no Counterfoil answered at ${target.apiBase} (${err.message})`);
		}
		const text = await res.text();
		let json = text;
		try {
			json = JSON.parse(text);
		} catch {}
		target.onStep?.({
			name: step.name,
			method,
			path,
			status: res.status,
			body: json
		});
		if (!res.ok) {
			const message = json?.error?.message ?? text.slice(0, 200);
			throw new FixtureError(`${where}: ${method} ${path} answered ${res.status}: ${message}`);
		}
		results.set(step.name, json);
	}
	return results;
}
// src/cli/triggers.ts
var TRIGGERS = new Map(Object.entries(/* @__PURE__ */ Object.assign({
	"../../resources/fixtures/triggers/climate.order.canceled.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "order",
			"path": "/v1/climate/orders",
			"method": "post",
			"params": {
				"product": "climsku_frontier_offtake_portfolio_2027",
				"metric_tons": "0.01",
				"beneficiary": { "public_name": "Jenny Rosen" }
			}
		}, {
			"name": "order_canceled",
			"path": "/v1/climate/orders/${order:id}/cancel",
			"method": "post"
		}]
	},
	"../../resources/fixtures/triggers/climate.order.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "order",
			"path": "/v1/climate/orders",
			"method": "post",
			"params": {
				"product": "climsku_frontier_offtake_portfolio_2027",
				"metric_tons": "0.01",
				"beneficiary": { "public_name": "Jenny Rosen" }
			}
		}]
	},
	"../../resources/fixtures/triggers/climate.order.delayed.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "order",
			"path": "/v1/climate/orders",
			"method": "post",
			"params": {
				"product": "climsku_frontier_offtake_portfolio_2027",
				"metric_tons": "0.01",
				"beneficiary": { "public_name": "Jenny Rosen" }
			}
		}, {
			"name": "order_delayed",
			"path": "/_counterfoil/climate/orders/${order:id}/delay",
			"method": "post",
			"params": {}
		}]
	},
	"../../resources/fixtures/triggers/climate.order.delivered.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "order",
			"path": "/v1/climate/orders",
			"method": "post",
			"params": {
				"product": "climsku_frontier_offtake_portfolio_2027",
				"metric_tons": "0.01",
				"beneficiary": { "public_name": "Jenny Rosen" }
			}
		}, {
			"name": "order_delivered",
			"path": "/_counterfoil/climate/orders/${order:id}/deliver",
			"method": "post"
		}]
	},
	"../../resources/fixtures/triggers/climate.order.product_substituted.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "order",
			"path": "/v1/climate/orders",
			"method": "post",
			"params": {
				"product": "climsku_frontier_offtake_portfolio_2027",
				"metric_tons": "0.01",
				"beneficiary": { "public_name": "Jenny Rosen" }
			}
		}, {
			"name": "order_substituted",
			"path": "/_counterfoil/climate/orders/${order:id}/substitute",
			"method": "post",
			"params": { "product": "climsku_sandbox_direct_air_capture_2030" }
		}]
	},
	"../../resources/fixtures/triggers/climate.product.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "climate_product",
			"path": "/_counterfoil/climate/products",
			"method": "post",
			"params": {
				"name": "Biochar 2028 (sandbox)",
				"delivery_year": 2028,
				"metric_tons_available": "500",
				"current_prices_per_metric_ton": { "usd": { "amount_subtotal": 25e3 } },
				"suppliers": ["climsup_charm_industrial"]
			}
		}]
	},
	"../../resources/fixtures/triggers/climate.product.pricing_updated.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "climate_product",
			"path": "/_counterfoil/climate/products",
			"method": "post",
			"params": {
				"name": "Biochar 2028 (sandbox)",
				"delivery_year": 2028,
				"metric_tons_available": "500",
				"current_prices_per_metric_ton": { "usd": { "amount_subtotal": 25e3 } },
				"suppliers": ["climsup_charm_industrial"]
			}
		}, {
			"name": "repriced",
			"path": "/_counterfoil/climate/products/${climate_product:id}/pricing",
			"method": "post",
			"params": {
				"currency": "usd",
				"amount_subtotal": 27500
			}
		}]
	},
	"../../resources/fixtures/triggers/crypto.onramp_session_updated.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "session",
			"path": "/v1/crypto/onramp_sessions",
			"method": "post",
			"params": {
				"destination_currencies": ["eth"],
				"destination_networks": ["ethereum"],
				"wallet_addresses": { "ethereum": "0xB00F0759DbeeF5E543Cc3E3B07A6442F5f3928a2" }
			}
		}, {
			"name": "onboarded",
			"path": "/_counterfoil/crypto/onramp_sessions/${session:id}/advance",
			"method": "post",
			"params": { "status": "requires_payment" }
		}]
	},
	"../../resources/fixtures/triggers/customer.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "customer",
			"path": "/v1/customers",
			"method": "post",
			"params": {
				"email": "jenny.rosen@example.com",
				"name": "Jenny Rosen"
			}
		}]
	},
	"../../resources/fixtures/triggers/customer.deleted.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "customer",
			"path": "/v1/customers",
			"method": "post",
			"params": {
				"email": "jenny.rosen@example.com",
				"name": "Jenny Rosen"
			}
		}, {
			"name": "customer_deleted",
			"path": "/v1/customers/${customer:id}",
			"method": "delete"
		}]
	},
	"../../resources/fixtures/triggers/customer.subscription.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "product",
				"path": "/v1/products",
				"method": "post",
				"params": { "name": "Pro plan" }
			},
			{
				"name": "price",
				"path": "/v1/prices",
				"method": "post",
				"params": {
					"product": "${product:id}",
					"currency": "usd",
					"unit_amount": 2e3,
					"recurring": { "interval": "month" }
				}
			},
			{
				"name": "customer",
				"path": "/v1/customers",
				"method": "post",
				"params": {
					"email": "jenny.rosen@example.com",
					"name": "Jenny Rosen"
				}
			},
			{
				"name": "subscription",
				"path": "/v1/subscriptions",
				"method": "post",
				"params": {
					"customer": "${customer:id}",
					"items": [{ "price": "${price:id}" }]
				}
			}
		]
	},
	"../../resources/fixtures/triggers/customer.subscription.deleted.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "product",
				"path": "/v1/products",
				"method": "post",
				"params": { "name": "Pro plan" }
			},
			{
				"name": "price",
				"path": "/v1/prices",
				"method": "post",
				"params": {
					"product": "${product:id}",
					"currency": "usd",
					"unit_amount": 2e3,
					"recurring": { "interval": "month" }
				}
			},
			{
				"name": "customer",
				"path": "/v1/customers",
				"method": "post",
				"params": {
					"email": "jenny.rosen@example.com",
					"name": "Jenny Rosen"
				}
			},
			{
				"name": "subscription",
				"path": "/v1/subscriptions",
				"method": "post",
				"params": {
					"customer": "${customer:id}",
					"items": [{ "price": "${price:id}" }]
				}
			},
			{
				"name": "subscription_deleted",
				"path": "/v1/subscriptions/${subscription:id}",
				"method": "delete"
			}
		]
	},
	"../../resources/fixtures/triggers/customer.subscription.updated.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "product",
				"path": "/v1/products",
				"method": "post",
				"params": { "name": "Pro plan" }
			},
			{
				"name": "price",
				"path": "/v1/prices",
				"method": "post",
				"params": {
					"product": "${product:id}",
					"currency": "usd",
					"unit_amount": 2e3,
					"recurring": { "interval": "month" }
				}
			},
			{
				"name": "customer",
				"path": "/v1/customers",
				"method": "post",
				"params": {
					"email": "jenny.rosen@example.com",
					"name": "Jenny Rosen"
				}
			},
			{
				"name": "subscription",
				"path": "/v1/subscriptions",
				"method": "post",
				"params": {
					"customer": "${customer:id}",
					"items": [{ "price": "${price:id}" }]
				}
			},
			{
				"name": "subscription_updated",
				"path": "/v1/subscriptions/${subscription:id}",
				"method": "post",
				"params": { "cancel_at_period_end": true }
			}
		]
	},
	"../../resources/fixtures/triggers/customer.updated.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "customer",
			"path": "/v1/customers",
			"method": "post",
			"params": {
				"email": "jenny.rosen@example.com",
				"name": "Jenny Rosen"
			}
		}, {
			"name": "customer_updated",
			"path": "/v1/customers/${customer:id}",
			"method": "post",
			"params": { "phone": "+15555550123" }
		}]
	},
	"../../resources/fixtures/triggers/entitlements.active_entitlement_summary.updated.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "feature",
				"path": "/v1/entitlements/features",
				"method": "post",
				"params": {
					"name": "Trigger feature",
					"lookup_key": "trigger_fixture_feature"
				}
			},
			{
				"name": "product",
				"path": "/v1/products",
				"method": "post",
				"params": { "name": "Pro plan" }
			},
			{
				"name": "product_feature",
				"path": "/v1/products/${product:id}/features",
				"method": "post",
				"params": { "entitlement_feature": "${feature:id}" }
			},
			{
				"name": "price",
				"path": "/v1/prices",
				"method": "post",
				"params": {
					"product": "${product:id}",
					"currency": "usd",
					"unit_amount": 2e3,
					"recurring": { "interval": "month" }
				}
			},
			{
				"name": "customer",
				"path": "/v1/customers",
				"method": "post",
				"params": {
					"email": "jenny.rosen@example.com",
					"name": "Jenny Rosen"
				}
			},
			{
				"name": "subscription",
				"path": "/v1/subscriptions",
				"method": "post",
				"params": {
					"customer": "${customer:id}",
					"items": [{ "price": "${price:id}" }]
				}
			},
			{
				"name": "feature_archived",
				"path": "/v1/entitlements/features/${feature:id}",
				"method": "post",
				"params": { "active": false }
			}
		]
	},
	"../../resources/fixtures/triggers/financial_connections.account.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "session",
			"path": "/v1/financial_connections/sessions",
			"method": "post",
			"params": {
				"account_holder": {
					"type": "customer",
					"customer": "cus_TriggerHolder"
				},
				"permissions": [
					"payment_method",
					"balances",
					"ownership",
					"transactions"
				]
			}
		}, {
			"name": "linked",
			"path": "/_counterfoil/financial_connections/sessions/${session:id}/complete",
			"method": "post",
			"params": {
				"institution": "test_institution",
				"accounts": ["checking"]
			}
		}]
	},
	"../../resources/fixtures/triggers/financial_connections.account.deactivated.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "session",
				"path": "/v1/financial_connections/sessions",
				"method": "post",
				"params": {
					"account_holder": {
						"type": "customer",
						"customer": "cus_TriggerHolder"
					},
					"permissions": [
						"payment_method",
						"balances",
						"ownership",
						"transactions"
					]
				}
			},
			{
				"name": "linked",
				"path": "/_counterfoil/financial_connections/sessions/${session:id}/complete",
				"method": "post",
				"params": {
					"institution": "test_institution",
					"accounts": ["checking"]
				}
			},
			{
				"name": "deactivated",
				"path": "/_counterfoil/financial_connections/accounts/${linked:accounts.data.0.id}/deactivate",
				"method": "post"
			}
		]
	},
	"../../resources/fixtures/triggers/financial_connections.account.disconnected.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "session",
				"path": "/v1/financial_connections/sessions",
				"method": "post",
				"params": {
					"account_holder": {
						"type": "customer",
						"customer": "cus_TriggerHolder"
					},
					"permissions": [
						"payment_method",
						"balances",
						"ownership",
						"transactions"
					]
				}
			},
			{
				"name": "linked",
				"path": "/_counterfoil/financial_connections/sessions/${session:id}/complete",
				"method": "post",
				"params": {
					"institution": "test_institution",
					"accounts": ["checking"]
				}
			},
			{
				"name": "disconnected",
				"path": "/v1/financial_connections/accounts/${linked:accounts.data.0.id}/disconnect",
				"method": "post"
			}
		]
	},
	"../../resources/fixtures/triggers/financial_connections.account.reactivated.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "session",
				"path": "/v1/financial_connections/sessions",
				"method": "post",
				"params": {
					"account_holder": {
						"type": "customer",
						"customer": "cus_TriggerHolder"
					},
					"permissions": [
						"payment_method",
						"balances",
						"ownership",
						"transactions"
					]
				}
			},
			{
				"name": "linked",
				"path": "/_counterfoil/financial_connections/sessions/${session:id}/complete",
				"method": "post",
				"params": {
					"institution": "test_institution",
					"accounts": ["checking"]
				}
			},
			{
				"name": "deactivated",
				"path": "/_counterfoil/financial_connections/accounts/${linked:accounts.data.0.id}/deactivate",
				"method": "post"
			},
			{
				"name": "reactivated",
				"path": "/_counterfoil/financial_connections/accounts/${linked:accounts.data.0.id}/reactivate",
				"method": "post"
			}
		]
	},
	"../../resources/fixtures/triggers/financial_connections.account.refreshed_balance.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "session",
				"path": "/v1/financial_connections/sessions",
				"method": "post",
				"params": {
					"account_holder": {
						"type": "customer",
						"customer": "cus_TriggerHolder"
					},
					"permissions": [
						"payment_method",
						"balances",
						"ownership",
						"transactions"
					]
				}
			},
			{
				"name": "linked",
				"path": "/_counterfoil/financial_connections/sessions/${session:id}/complete",
				"method": "post",
				"params": {
					"institution": "test_institution",
					"accounts": ["checking"]
				}
			},
			{
				"name": "refresh",
				"path": "/v1/financial_connections/accounts/${linked:accounts.data.0.id}/refresh",
				"method": "post",
				"params": { "features": ["balance"] }
			},
			{
				"name": "finished",
				"path": "/_counterfoil/financial_connections/accounts/${linked:accounts.data.0.id}/refresh/finish",
				"method": "post",
				"params": {
					"feature": "balance",
					"status": "succeeded"
				}
			}
		]
	},
	"../../resources/fixtures/triggers/financial_connections.account.refreshed_ownership.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "session",
				"path": "/v1/financial_connections/sessions",
				"method": "post",
				"params": {
					"account_holder": {
						"type": "customer",
						"customer": "cus_TriggerHolder"
					},
					"permissions": [
						"payment_method",
						"balances",
						"ownership",
						"transactions"
					]
				}
			},
			{
				"name": "linked",
				"path": "/_counterfoil/financial_connections/sessions/${session:id}/complete",
				"method": "post",
				"params": {
					"institution": "test_institution",
					"accounts": ["checking"]
				}
			},
			{
				"name": "refresh",
				"path": "/v1/financial_connections/accounts/${linked:accounts.data.0.id}/refresh",
				"method": "post",
				"params": { "features": ["ownership"] }
			},
			{
				"name": "finished",
				"path": "/_counterfoil/financial_connections/accounts/${linked:accounts.data.0.id}/refresh/finish",
				"method": "post",
				"params": {
					"feature": "ownership",
					"status": "succeeded"
				}
			}
		]
	},
	"../../resources/fixtures/triggers/financial_connections.account.refreshed_transactions.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "session",
				"path": "/v1/financial_connections/sessions",
				"method": "post",
				"params": {
					"account_holder": {
						"type": "customer",
						"customer": "cus_TriggerHolder"
					},
					"permissions": [
						"payment_method",
						"balances",
						"ownership",
						"transactions"
					]
				}
			},
			{
				"name": "linked",
				"path": "/_counterfoil/financial_connections/sessions/${session:id}/complete",
				"method": "post",
				"params": {
					"institution": "test_institution",
					"accounts": ["checking"]
				}
			},
			{
				"name": "refresh",
				"path": "/v1/financial_connections/accounts/${linked:accounts.data.0.id}/refresh",
				"method": "post",
				"params": { "features": ["transactions"] }
			},
			{
				"name": "finished",
				"path": "/_counterfoil/financial_connections/accounts/${linked:accounts.data.0.id}/refresh/finish",
				"method": "post",
				"params": {
					"feature": "transactions",
					"status": "succeeded"
				}
			}
		]
	},
	"../../resources/fixtures/triggers/identity.verification_session.canceled.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "session",
			"path": "/v1/identity/verification_sessions",
			"method": "post",
			"params": {
				"type": "document",
				"metadata": { "source": "counterfoil trigger" }
			}
		}, {
			"name": "canceled",
			"path": "/v1/identity/verification_sessions/${session:id}/cancel",
			"method": "post",
			"params": {}
		}]
	},
	"../../resources/fixtures/triggers/identity.verification_session.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "session",
			"path": "/v1/identity/verification_sessions",
			"method": "post",
			"params": {
				"type": "document",
				"metadata": { "source": "counterfoil trigger" }
			}
		}]
	},
	"../../resources/fixtures/triggers/identity.verification_session.processing.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "session",
			"path": "/v1/identity/verification_sessions",
			"method": "post",
			"params": {
				"type": "document",
				"metadata": { "source": "counterfoil trigger" }
			}
		}, {
			"name": "verify",
			"path": "/_counterfoil/identity/verification_sessions/${session:id}/verify",
			"method": "post",
			"params": { "simulate_delay": true }
		}]
	},
	"../../resources/fixtures/triggers/identity.verification_session.redacted.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "session",
				"path": "/v1/identity/verification_sessions",
				"method": "post",
				"params": {
					"type": "document",
					"metadata": { "source": "counterfoil trigger" }
				}
			},
			{
				"name": "verify",
				"path": "/_counterfoil/identity/verification_sessions/${session:id}/verify",
				"method": "post",
				"params": { "simulate_delay": false }
			},
			{
				"name": "redact",
				"path": "/v1/identity/verification_sessions/${session:id}/redact",
				"method": "post",
				"params": {}
			},
			{
				"name": "clock",
				"path": "/_counterfoil/clock/advance",
				"method": "post",
				"params": { "seconds": 3600 }
			}
		]
	},
	"../../resources/fixtures/triggers/identity.verification_session.requires_input.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "session",
			"path": "/v1/identity/verification_sessions",
			"method": "post",
			"params": {
				"type": "document",
				"metadata": { "source": "counterfoil trigger" }
			}
		}, {
			"name": "unverify",
			"path": "/_counterfoil/identity/verification_sessions/${session:id}/unverify",
			"method": "post",
			"params": {
				"code": "document_expired",
				"simulate_delay": false
			}
		}]
	},
	"../../resources/fixtures/triggers/identity.verification_session.verified.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "session",
			"path": "/v1/identity/verification_sessions",
			"method": "post",
			"params": {
				"type": "document",
				"metadata": { "source": "counterfoil trigger" }
			}
		}, {
			"name": "verify",
			"path": "/_counterfoil/identity/verification_sessions/${session:id}/verify",
			"method": "post",
			"params": { "simulate_delay": false }
		}]
	},
	"../../resources/fixtures/triggers/price.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "product",
			"path": "/v1/products",
			"method": "post",
			"params": { "name": "Pro plan" }
		}, {
			"name": "price",
			"path": "/v1/prices",
			"method": "post",
			"params": {
				"product": "${product:id}",
				"currency": "usd",
				"unit_amount": 2e3,
				"recurring": { "interval": "month" }
			}
		}]
	},
	"../../resources/fixtures/triggers/price.updated.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "product",
				"path": "/v1/products",
				"method": "post",
				"params": { "name": "Pro plan" }
			},
			{
				"name": "price",
				"path": "/v1/prices",
				"method": "post",
				"params": {
					"product": "${product:id}",
					"currency": "usd",
					"unit_amount": 2e3,
					"recurring": { "interval": "month" }
				}
			},
			{
				"name": "price_updated",
				"path": "/v1/prices/${price:id}",
				"method": "post",
				"params": { "nickname": "Monthly" }
			}
		]
	},
	"../../resources/fixtures/triggers/product.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "product",
			"path": "/v1/products",
			"method": "post",
			"params": { "name": "Pro plan" }
		}]
	},
	"../../resources/fixtures/triggers/product.deleted.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "product",
			"path": "/v1/products",
			"method": "post",
			"params": { "name": "Pro plan" }
		}, {
			"name": "product_deleted",
			"path": "/v1/products/${product:id}",
			"method": "delete"
		}]
	},
	"../../resources/fixtures/triggers/product.updated.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "product",
			"path": "/v1/products",
			"method": "post",
			"params": { "name": "Pro plan" }
		}, {
			"name": "product_updated",
			"path": "/v1/products/${product:id}",
			"method": "post",
			"params": { "name": "Pro plan (2026)" }
		}]
	},
	"../../resources/fixtures/triggers/reporting.report_run.failed.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": { "financial_addresses": { "aba": { "requested": true } } }
				}
			},
			{
				"name": "credit",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${account:id}",
					"amount": 12345,
					"currency": "usd",
					"network": "ach"
				}
			},
			{
				"name": "day_ends",
				"path": "/_counterfoil/clock/advance",
				"method": "post",
				"params": { "seconds": 86400 }
			},
			{
				"name": "report_type",
				"path": "/v1/reporting/report_types/balance.summary.1",
				"method": "get"
			},
			{
				"name": "report_run",
				"path": "/v1/reporting/report_runs",
				"method": "post",
				"params": {
					"report_type": "balance.summary.1",
					"parameters": {
						"interval_start": "${report_type:data_available_start}",
						"interval_end": "${report_type:data_available_end}"
					}
				}
			},
			{
				"name": "failed",
				"path": "/_counterfoil/reporting/report_runs/${report_run:id}/fail",
				"method": "post",
				"params": { "error": "The report could not be computed." }
			}
		]
	},
	"../../resources/fixtures/triggers/reporting.report_run.succeeded.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": { "financial_addresses": { "aba": { "requested": true } } }
				}
			},
			{
				"name": "credit",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${account:id}",
					"amount": 12345,
					"currency": "usd",
					"network": "ach"
				}
			},
			{
				"name": "day_ends",
				"path": "/_counterfoil/clock/advance",
				"method": "post",
				"params": { "seconds": 86400 }
			},
			{
				"name": "report_type",
				"path": "/v1/reporting/report_types/balance.summary.1",
				"method": "get"
			},
			{
				"name": "report_run",
				"path": "/v1/reporting/report_runs",
				"method": "post",
				"params": {
					"report_type": "balance.summary.1",
					"parameters": {
						"interval_start": "${report_type:data_available_start}",
						"interval_end": "${report_type:data_available_end}"
					}
				}
			},
			{
				"name": "finished",
				"path": "/_counterfoil/reporting/report_runs/${report_run:id}/finish",
				"method": "post"
			}
		]
	},
	"../../resources/fixtures/triggers/reporting.report_type.updated.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": { "financial_addresses": { "aba": { "requested": true } } }
				}
			},
			{
				"name": "credit",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${account:id}",
					"amount": 12345,
					"currency": "usd",
					"network": "ach"
				}
			},
			{
				"name": "day_ends",
				"path": "/_counterfoil/clock/advance",
				"method": "post",
				"params": { "seconds": 86400 }
			}
		]
	},
	"../../resources/fixtures/triggers/sigma.scheduled_query_run.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "query",
			"path": "/_counterfoil/sigma/scheduled_queries",
			"method": "post",
			"params": {
				"title": "Treasury balance by account",
				"schedule": "daily",
				"sql": "SELECT financial_account, currency, sum(balance_impact_cash) AS cash FROM treasury_transaction_entries GROUP BY 1, 2"
			}
		}, {
			"name": "run",
			"path": "/_counterfoil/sigma/scheduled_queries/${query:id}/run",
			"method": "post"
		}]
	},
	"../../resources/fixtures/triggers/tax.settings.updated.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "settings",
			"path": "/v1/tax/settings",
			"method": "post",
			"params": {
				"defaults": {
					"tax_behavior": "exclusive",
					"tax_code": "txcd_10000000"
				},
				"head_office": { "address": {
					"country": "US",
					"state": "TX",
					"postal_code": "78701",
					"city": "Austin"
				} }
			}
		}]
	},
	"../../resources/fixtures/triggers/treasury.credit_reversal.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "credit_reversal",
				"path": "/v1/treasury/credit_reversals",
				"method": "post",
				"params": { "received_credit": "${funding:id}" }
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.credit_reversal.posted.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "credit_reversal",
				"path": "/v1/treasury/credit_reversals",
				"method": "post",
				"params": { "received_credit": "${funding:id}" }
			},
			{
				"name": "post",
				"path": "/_counterfoil/treasury/credit_reversals/${credit_reversal:id}/post",
				"method": "post"
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.debit_reversal.completed.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "received_debit",
				"path": "/v1/test_helpers/treasury/received_debits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 500,
					"currency": "usd",
					"network": "ach",
					"description": "Trigger debit"
				}
			},
			{
				"name": "debit_reversal",
				"path": "/v1/treasury/debit_reversals",
				"method": "post",
				"params": { "received_debit": "${received_debit:id}" }
			},
			{
				"name": "resolve",
				"path": "/_counterfoil/treasury/debit_reversals/${debit_reversal:id}/resolve",
				"method": "post",
				"params": { "outcome": "won" }
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.debit_reversal.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "received_debit",
				"path": "/v1/test_helpers/treasury/received_debits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 500,
					"currency": "usd",
					"network": "ach",
					"description": "Trigger debit"
				}
			},
			{
				"name": "debit_reversal",
				"path": "/v1/treasury/debit_reversals",
				"method": "post",
				"params": { "received_debit": "${received_debit:id}" }
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.financial_account.closed.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "financial_account",
			"path": "/v1/treasury/financial_accounts",
			"method": "post",
			"params": {
				"supported_currencies": ["usd"],
				"features": {
					"financial_addresses": { "aba": { "requested": true } },
					"inbound_transfers": { "ach": { "requested": true } },
					"intra_stripe_flows": { "requested": true },
					"outbound_payments": {
						"ach": { "requested": true },
						"us_domestic_wire": { "requested": true }
					},
					"outbound_transfers": {
						"ach": { "requested": true },
						"us_domestic_wire": { "requested": true }
					}
				},
				"nickname": "Trigger account"
			}
		}, {
			"name": "close",
			"path": "/v1/treasury/financial_accounts/${financial_account:id}/close",
			"method": "post"
		}]
	},
	"../../resources/fixtures/triggers/treasury.financial_account.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "financial_account",
			"path": "/v1/treasury/financial_accounts",
			"method": "post",
			"params": {
				"supported_currencies": ["usd"],
				"features": {
					"financial_addresses": { "aba": { "requested": true } },
					"inbound_transfers": { "ach": { "requested": true } },
					"intra_stripe_flows": { "requested": true },
					"outbound_payments": {
						"ach": { "requested": true },
						"us_domestic_wire": { "requested": true }
					},
					"outbound_transfers": {
						"ach": { "requested": true },
						"us_domestic_wire": { "requested": true }
					}
				},
				"nickname": "Trigger account"
			}
		}]
	},
	"../../resources/fixtures/triggers/treasury.financial_account.features_status_updated.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "financial_account",
			"path": "/v1/treasury/financial_accounts",
			"method": "post",
			"params": {
				"supported_currencies": ["usd"],
				"features": {
					"financial_addresses": { "aba": { "requested": true } },
					"inbound_transfers": { "ach": { "requested": true } },
					"intra_stripe_flows": { "requested": true },
					"outbound_payments": {
						"ach": { "requested": true },
						"us_domestic_wire": { "requested": true }
					},
					"outbound_transfers": {
						"ach": { "requested": true },
						"us_domestic_wire": { "requested": true }
					}
				},
				"nickname": "Trigger account"
			}
		}]
	},
	"../../resources/fixtures/triggers/treasury.inbound_transfer.canceled.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "inbound_transfer",
				"path": "/v1/treasury/inbound_transfers",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"origin_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger inbound transfer"
				}
			},
			{
				"name": "cancel",
				"path": "/v1/treasury/inbound_transfers/${inbound_transfer:id}/cancel",
				"method": "post"
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.inbound_transfer.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "financial_account",
			"path": "/v1/treasury/financial_accounts",
			"method": "post",
			"params": {
				"supported_currencies": ["usd"],
				"features": {
					"financial_addresses": { "aba": { "requested": true } },
					"inbound_transfers": { "ach": { "requested": true } },
					"intra_stripe_flows": { "requested": true },
					"outbound_payments": {
						"ach": { "requested": true },
						"us_domestic_wire": { "requested": true }
					},
					"outbound_transfers": {
						"ach": { "requested": true },
						"us_domestic_wire": { "requested": true }
					}
				},
				"nickname": "Trigger account"
			}
		}, {
			"name": "inbound_transfer",
			"path": "/v1/treasury/inbound_transfers",
			"method": "post",
			"params": {
				"financial_account": "${financial_account:id}",
				"amount": 1e3,
				"currency": "usd",
				"origin_payment_method": "pm_usBankAccount_processing",
				"description": "Trigger inbound transfer"
			}
		}]
	},
	"../../resources/fixtures/triggers/treasury.inbound_transfer.failed.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "inbound_transfer",
				"path": "/v1/treasury/inbound_transfers",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"origin_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger inbound transfer"
				}
			},
			{
				"name": "fail",
				"path": "/v1/test_helpers/treasury/inbound_transfers/${inbound_transfer:id}/fail",
				"method": "post",
				"params": { "failure_details": { "code": "insufficient_funds" } }
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.inbound_transfer.succeeded.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "inbound_transfer",
				"path": "/v1/treasury/inbound_transfers",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"origin_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger inbound transfer"
				}
			},
			{
				"name": "succeed",
				"path": "/v1/test_helpers/treasury/inbound_transfers/${inbound_transfer:id}/succeed",
				"method": "post"
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.outbound_payment.canceled.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "outbound_payment",
				"path": "/v1/treasury/outbound_payments",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"destination_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger payment"
				}
			},
			{
				"name": "cancel",
				"path": "/v1/treasury/outbound_payments/${outbound_payment:id}/cancel",
				"method": "post"
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.outbound_payment.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "outbound_payment",
				"path": "/v1/treasury/outbound_payments",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"destination_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger payment"
				}
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.outbound_payment.expected_arrival_date_updated.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "outbound_payment",
				"path": "/v1/treasury/outbound_payments",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"destination_payment_method": "pm_usBankAccount_expectedArrivalDateUpdated",
					"description": "Trigger payment"
				}
			},
			{
				"name": "clock",
				"path": "/_counterfoil/clock/advance",
				"method": "post",
				"params": { "seconds": 604800 }
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.outbound_payment.failed.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "outbound_payment",
				"path": "/v1/treasury/outbound_payments",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"destination_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger payment"
				}
			},
			{
				"name": "fail",
				"path": "/v1/test_helpers/treasury/outbound_payments/${outbound_payment:id}/fail",
				"method": "post"
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.outbound_payment.posted.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "outbound_payment",
				"path": "/v1/treasury/outbound_payments",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"destination_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger payment"
				}
			},
			{
				"name": "post",
				"path": "/v1/test_helpers/treasury/outbound_payments/${outbound_payment:id}/post",
				"method": "post"
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.outbound_payment.returned.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "outbound_payment",
				"path": "/v1/treasury/outbound_payments",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"destination_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger payment"
				}
			},
			{
				"name": "return",
				"path": "/v1/test_helpers/treasury/outbound_payments/${outbound_payment:id}/return",
				"method": "post",
				"params": { "returned_details": { "code": "account_closed" } }
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.outbound_payment.tracking_details_updated.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "outbound_payment",
				"path": "/v1/treasury/outbound_payments",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"destination_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger payment",
					"destination_payment_method_options": { "us_bank_account": { "network": "us_domestic_wire" } }
				}
			},
			{
				"name": "tracking",
				"path": "/v1/test_helpers/treasury/outbound_payments/${outbound_payment:id}",
				"method": "post",
				"params": { "tracking_details": {
					"type": "us_domestic_wire",
					"us_domestic_wire": { "imad": "20260101MMQFMP0T000001" }
				} }
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.outbound_transfer.canceled.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "outbound_transfer",
				"path": "/v1/treasury/outbound_transfers",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"destination_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger transfer"
				}
			},
			{
				"name": "cancel",
				"path": "/v1/treasury/outbound_transfers/${outbound_transfer:id}/cancel",
				"method": "post"
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.outbound_transfer.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "outbound_transfer",
				"path": "/v1/treasury/outbound_transfers",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"destination_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger transfer"
				}
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.outbound_transfer.expected_arrival_date_updated.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "outbound_transfer",
				"path": "/v1/treasury/outbound_transfers",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"destination_payment_method": "pm_usBankAccount_expectedArrivalDateUpdated",
					"description": "Trigger transfer"
				}
			},
			{
				"name": "clock",
				"path": "/_counterfoil/clock/advance",
				"method": "post",
				"params": { "seconds": 604800 }
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.outbound_transfer.failed.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "outbound_transfer",
				"path": "/v1/treasury/outbound_transfers",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"destination_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger transfer"
				}
			},
			{
				"name": "fail",
				"path": "/v1/test_helpers/treasury/outbound_transfers/${outbound_transfer:id}/fail",
				"method": "post"
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.outbound_transfer.posted.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "outbound_transfer",
				"path": "/v1/treasury/outbound_transfers",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"destination_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger transfer"
				}
			},
			{
				"name": "post",
				"path": "/v1/test_helpers/treasury/outbound_transfers/${outbound_transfer:id}/post",
				"method": "post"
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.outbound_transfer.returned.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "outbound_transfer",
				"path": "/v1/treasury/outbound_transfers",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"destination_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger transfer"
				}
			},
			{
				"name": "return",
				"path": "/v1/test_helpers/treasury/outbound_transfers/${outbound_transfer:id}/return",
				"method": "post",
				"params": { "returned_details": { "code": "account_closed" } }
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.outbound_transfer.tracking_details_updated.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "outbound_transfer",
				"path": "/v1/treasury/outbound_transfers",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e3,
					"currency": "usd",
					"destination_payment_method": "pm_usBankAccount_processing",
					"description": "Trigger transfer",
					"destination_payment_method_options": { "us_bank_account": { "network": "us_domestic_wire" } }
				}
			},
			{
				"name": "tracking",
				"path": "/v1/test_helpers/treasury/outbound_transfers/${outbound_transfer:id}",
				"method": "post",
				"params": { "tracking_details": {
					"type": "us_domestic_wire",
					"us_domestic_wire": { "imad": "20260101MMQFMP0T000001" }
				} }
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.received_credit.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "financial_account",
			"path": "/v1/treasury/financial_accounts",
			"method": "post",
			"params": {
				"supported_currencies": ["usd"],
				"features": {
					"financial_addresses": { "aba": { "requested": true } },
					"inbound_transfers": { "ach": { "requested": true } },
					"intra_stripe_flows": { "requested": true },
					"outbound_payments": {
						"ach": { "requested": true },
						"us_domestic_wire": { "requested": true }
					},
					"outbound_transfers": {
						"ach": { "requested": true },
						"us_domestic_wire": { "requested": true }
					}
				},
				"nickname": "Trigger account"
			}
		}, {
			"name": "funding",
			"path": "/v1/test_helpers/treasury/received_credits",
			"method": "post",
			"params": {
				"financial_account": "${financial_account:id}",
				"amount": 1e4,
				"currency": "usd",
				"network": "ach",
				"description": "Funds for the trigger"
			}
		}]
	},
	"../../resources/fixtures/triggers/treasury.received_credit.failed.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "close",
				"path": "/v1/treasury/financial_accounts/${financial_account:id}/close",
				"method": "post"
			},
			{
				"name": "received_credit",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Credit to a closed account"
				}
			}
		]
	},
	"../../resources/fixtures/triggers/treasury.received_credit.succeeded.json": {
		_meta: { "template_version": 0 },
		fixtures: [{
			"name": "financial_account",
			"path": "/v1/treasury/financial_accounts",
			"method": "post",
			"params": {
				"supported_currencies": ["usd"],
				"features": {
					"financial_addresses": { "aba": { "requested": true } },
					"inbound_transfers": { "ach": { "requested": true } },
					"intra_stripe_flows": { "requested": true },
					"outbound_payments": {
						"ach": { "requested": true },
						"us_domestic_wire": { "requested": true }
					},
					"outbound_transfers": {
						"ach": { "requested": true },
						"us_domestic_wire": { "requested": true }
					}
				},
				"nickname": "Trigger account"
			}
		}, {
			"name": "funding",
			"path": "/v1/test_helpers/treasury/received_credits",
			"method": "post",
			"params": {
				"financial_account": "${financial_account:id}",
				"amount": 1e4,
				"currency": "usd",
				"network": "ach",
				"description": "Funds for the trigger"
			}
		}]
	},
	"../../resources/fixtures/triggers/treasury.received_debit.created.json": {
		_meta: { "template_version": 0 },
		fixtures: [
			{
				"name": "financial_account",
				"path": "/v1/treasury/financial_accounts",
				"method": "post",
				"params": {
					"supported_currencies": ["usd"],
					"features": {
						"financial_addresses": { "aba": { "requested": true } },
						"inbound_transfers": { "ach": { "requested": true } },
						"intra_stripe_flows": { "requested": true },
						"outbound_payments": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						},
						"outbound_transfers": {
							"ach": { "requested": true },
							"us_domestic_wire": { "requested": true }
						}
					},
					"nickname": "Trigger account"
				}
			},
			{
				"name": "funding",
				"path": "/v1/test_helpers/treasury/received_credits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 1e4,
					"currency": "usd",
					"network": "ach",
					"description": "Funds for the trigger"
				}
			},
			{
				"name": "received_debit",
				"path": "/v1/test_helpers/treasury/received_debits",
				"method": "post",
				"params": {
					"financial_account": "${financial_account:id}",
					"amount": 500,
					"currency": "usd",
					"network": "ach",
					"description": "Trigger debit"
				}
			}
		]
	}
})).map(([path, json]) => {
	return [path.split("/").pop().replace(/\.json$/, ""), json];
}));
/** Every event type `trigger` can produce, sorted. */
function triggerTypes() {
	return [...TRIGGERS.keys()].sort();
}
/** The fixture that produces an event type (a fresh copy), if there is one. */
function triggerFixture(type) {
	const json = TRIGGERS.get(type);
	return json === void 0 ? void 0 : parseFixtureFile(structuredClone(json), `trigger ${type}`);
}
/** `name:a.b[c]` \u2192 fixture name and the key path inside its params. */
function target(spec, flag) {
	const colon = spec.indexOf(":");
	if (colon <= 0) throw new CliError(`${flag} takes fixture:path.to.key (e.g. outbound_payment:amount), got '${spec}'`);
	const path = spec.slice(colon + 1).replace(/\[([^\]]*)\]/g, ".$1").split(".").filter(Boolean);
	if (path.length === 0) throw new CliError(`${flag} '${spec}' names no key after the ':'`);
	return {
		name: spec.slice(0, colon),
		path
	};
}
function stepOf(file, name, flag) {
	const step = file.fixtures.find((s) => s.name === name);
	if (!step) throw new CliError(`${flag}: no fixture named '${name}' (this one has ${file.fixtures.map((s) => s.name).join(", ")})`);
	return step;
}
/**
* Applies the Stripe CLI's `--add name:key=value`, `--override name:key=value`
* and `--remove name:key` to a fixture file's params, in place.
*/
function applyEdits(file, edits) {
	const set = (flag, spec, mustExist) => {
		const eq = spec.indexOf("=");
		if (eq < 0) throw new CliError(`${flag} takes fixture:key=value, got '${spec}'`);
		const { name, path } = target(spec.slice(0, eq), flag);
		const step = stepOf(file, name, flag);
		let obj = step.params ??= {};
		for (const key of path.slice(0, -1)) {
			if (typeof obj[key] !== "object" || obj[key] === null) obj[key] = {};
			obj = obj[key];
		}
		const last = path[path.length - 1];
		if (mustExist && !(last in obj)) throw new CliError(`${flag}: fixture '${name}' has no param ${path.join(".")} to override (use --add to add one)`);
		obj[last] = spec.slice(eq + 1);
	};
	for (const spec of edits.add ?? []) set("--add", spec, false);
	for (const spec of edits.override ?? []) set("--override", spec, true);
	for (const spec of edits.remove ?? []) {
		const { name, path } = target(spec, "--remove");
		let obj = stepOf(file, name, "--remove").params ?? {};
		for (const key of path.slice(0, -1)) obj = obj[key] ?? {};
		delete obj[path[path.length - 1]];
	}
	return file;
}
// src/cli/commands.ts
/** Runs a fixture file, printing each request and its result; returns the responses by fixture name. */
async function run(sandbox, file, out) {
	const needsToken = file.fixtures.some((s) => s.path.startsWith("/_counterfoil/"));
	const token = needsToken ? sandbox.token() : void 0;
	try {
		return await runFixtures(file, {
			apiBase: sandbox.apiBase,
			key: sandbox.key,
			token,
			onStep: (s) => {
				const id = s.body?.id;
				out(`Running fixture for: ${s.name} \u2014 ${s.method} ${s.path} [${s.status}]${typeof id === "string" ? ` ${id}` : ""}`);
			}
		});
	} catch (err) {
		if (err instanceof FixtureError) {
			if (/no Counterfoil answered/.test(err.message)) throw new CliError(`no Counterfoil is running at ${sandbox.apiBase}: start one with \`counterfoil serve\`, or point --api-base at it`);
			if (/answered 401/.test(err.message) && needsToken) throw new CliError(`${err.message} \u2014 pass --token T or set COUNTERFOIL_TOKEN`);
			throw new CliError(err.message);
		}
		throw err;
	}
}
/** `counterfoil trigger EVENT` / `--list`. */
async function trigger(event, flags, out = console.log) {
	if (flags.list || !event) {
		if (!flags.list) throw new CliError("trigger needs an event type (see `counterfoil trigger --list`)");
		out("Supported events:");
		for (const type of triggerTypes()) out(`  ${type}`);
		return;
	}
	const file = triggerFixture(event);
	if (!file) {
		if (require_engine.EVENT_TYPES.includes(event)) throw new CliError(`${event} is an event of an API group this sandbox does not serve yet, so there is no fixture for it (\`counterfoil trigger --list\` shows every supported event)`);
		const near = nearMatches(event, triggerTypes());
		throw new CliError(`unknown event '${event}'${near.length ? `; did you mean ${near.join(", ")}?` : ""} (\`counterfoil trigger --list\` shows every supported event)`);
	}
	applyEdits(file, flags);
	const sandbox = new Sandbox(flags);
	const before = await sandbox.api("GET", "/v1/events", {
		type: event,
		limit: 1
	});
	out(`Setting up fixture for: ${event}`);
	await run(sandbox, file, out);
	const after = await sandbox.api("GET", "/v1/events", {
		type: event,
		limit: 100
	});
	const fresh = [];
	for (const e of after.data) {
		if (e.id === before.data[0]?.id) break;
		fresh.push(e.id);
	}
	if (fresh.length === 0) throw new CliError(`the fixture ran, but the sandbox emitted no ${event} event`);
	out(`Trigger succeeded! ${event} [${fresh.reverse().join(", ")}]`);
}
/** `counterfoil fixtures FILE.json`. */
async function fixtures(path, flags, out = console.log) {
	let text;
	try {
		text = (0, node_fs.readFileSync)(path, "utf8");
	} catch (err) {
		throw new CliError(`cannot read fixture file ${path}: ${err.code ?? err.message}`);
	}
	let json;
	try {
		json = JSON.parse(text);
	} catch (err) {
		throw new CliError(`${path} is not valid JSON: ${err.message}`);
	}
	let file;
	try {
		file = parseFixtureFile(json, path);
	} catch (err) {
		throw new CliError(err.message);
	}
	applyEdits(file, flags);
	const results = await run(new Sandbox(flags), file, out);
	out("Made:");
	for (const [name, body] of results) {
		const o = body;
		if (typeof o?.id === "string") out(`  ${name}: ${o.id}${typeof o.object === "string" ? ` (${o.object})` : ""}`);
	}
}
/** `counterfoil events resend EVT [--webhook-endpoint we_\u2026]`. */
async function resend(eventId, flags, out = console.log) {
	const sandbox = new Sandbox(flags);
	await sandbox.ensureRunning();
	const event = await sandbox.api("GET", `/v1/events/${encodeURIComponent(eventId)}`);
	let targets;
	if (flags.webhookEndpoint) targets = [flags.webhookEndpoint];
	else {
		targets = (await sandbox.api("GET", "/v1/webhook_endpoints", { limit: 100 })).data.filter((ep) => ep.status === "enabled" && (ep.enabled_events.includes("*") || ep.enabled_events.includes(event.type))).map((ep) => ep.id);
		if (targets.length === 0) throw new CliError(`no enabled webhook endpoint takes ${event.type}: pass --webhook-endpoint we_\u2026, or start \`counterfoil listen\``);
	}
	for (const endpoint of targets) {
		const r = await sandbox.control("POST", `/events/${encodeURIComponent(event.id)}/resend`, { endpoint });
		out(`Resent ${event.type} [${event.id}] to ${endpoint} (delivery ${r.delivery})`);
	}
}
function list(value) {
	if (value === void 0) return void 0;
	return String(value).split(",").map((v) => v.trim()).filter(Boolean);
}
/** Builds the request filter of `logs tail` from the Stripe CLI's flags. */
function requestFilter(flags) {
	const methods = list(flags.filterHttpMethod)?.map((m) => m.toUpperCase());
	for (const m of methods ?? []) if (![
		"GET",
		"POST",
		"DELETE"
	].includes(m)) throw new CliError(`--filter-http-method takes GET, POST or DELETE, got '${m}'`);
	const codes = list(flags.filterStatusCode)?.map(Number);
	if (codes?.some((c) => !Number.isInteger(c))) throw new CliError(`--filter-status-code takes status codes such as 200,404, got '${flags.filterStatusCode}'`);
	const types = list(flags.filterStatusCodeType)?.map((t) => t.toUpperCase());
	for (const t of types ?? []) if (![
		"2XX",
		"4XX",
		"5XX"
	].includes(t)) throw new CliError(`--filter-status-code-type takes 2XX, 4XX or 5XX, got '${t}'`);
	const paths = list(flags.filterRequestPath);
	const outcome = flags.filterRequestStatus?.toUpperCase();
	if (outcome !== void 0 && outcome !== "SUCCEEDED" && outcome !== "FAILED") throw new CliError(`--filter-request-status takes SUCCEEDED or FAILED, got '${flags.filterRequestStatus}'`);
	return (r) => (!methods || methods.includes(r.method)) && (!codes || codes.includes(r.status)) && (!types || types.includes(`${String(r.status)[0]}XX`)) && (!paths || paths.some((p) => p.endsWith("*") ? r.path.startsWith(p.slice(0, -1)) : r.path.split("?")[0] === p)) && (outcome === void 0 || outcome === "SUCCEEDED" === r.status < 400);
}
/** `counterfoil logs tail`: the request log as it grows. */
async function tail(flags, out = console.log) {
	const keep = requestFilter(flags);
	const json = flags.format !== void 0 && flags.format.toUpperCase() === "JSON";
	if (flags.format !== void 0 && !json) throw new CliError(`--format takes JSON, got '${flags.format}'`);
	const sandbox = new Sandbox(flags);
	await sandbox.ensureRunning();
	const seen = new Set((await sandbox.control("GET", "/dashboard/requests", void 0, { limit: 200 })).data.map((r) => r.id));
	const controller = new AbortController();
	const stop = () => {
		controller.abort();
		process.exit(0);
	};
	process.on("SIGINT", stop);
	process.on("SIGTERM", stop);
	out("Ready! Tailing the request log (^C to quit)");
	await sandbox.stream(async (changes) => {
		if (!changes.some((c) => c.kind === "request")) return;
		const page = await sandbox.control("GET", "/dashboard/requests", void 0, { limit: 200 });
		for (const r of page.data.reverse()) {
			if (seen.has(r.id)) continue;
			seen.add(r.id);
			if (!keep(r)) continue;
			out(json ? JSON.stringify(r) : `${stamp(r.at_ms)} [${r.status}] ${r.method} ${r.path} [${r.id}]`);
		}
	}, controller.signal);
	throw new CliError(`the sandbox at ${sandbox.apiBase} stopped`);
}
/** `counterfoil snapshot save|load|list|diff`. */
async function snapshot(action, names, flags, out = console.log) {
	const sandbox = new Sandbox(flags);
	const need = (n, usage) => {
		if (names.length !== n) throw new CliError(`usage: counterfoil snapshot ${usage}`);
	};
	switch (action) {
		case "save": {
			need(1, "save NAME");
			const r = await sandbox.control("POST", "/snapshots", { name: names[0] });
			out(`Saved snapshot ${r.name} (${Math.ceil(r.size_bytes / 1024)} KiB)${r.replaced ? ", replacing the earlier one" : ""}`);
			return;
		}
		case "load": {
			need(1, "load NAME");
			const r = await sandbox.control("POST", `/snapshots/${encodeURIComponent(names[0])}/load`);
			out(`Loaded snapshot ${r.name}: ${r.objects} objects, sandbox clock at ${(/* @__PURE__ */ new Date(r.now * 1e3)).toISOString()}${r.migrated ? " (migrated from an older schema)" : ""}`);
			return;
		}
		case "list": {
			need(0, "list");
			const r = await sandbox.control("GET", "/snapshots");
			if (r.data.length === 0) out(`No snapshots yet in ${r.directory} (save one with \`counterfoil snapshot save NAME\`)`);
			for (const s of r.data) out(`${s.name}\t${stamp(s.saved_ms)}\t${Math.ceil(s.size_bytes / 1024)} KiB`);
			return;
		}
		case "diff": {
			need(2, "diff A B   (either may be `current`, the running sandbox)");
			const d = await sandbox.control("GET", "/snapshots/diff", void 0, {
				from: names[0],
				to: names[1]
			});
			out(`${names[0]} \u2192 ${names[1]}: ${d.created.length} created, ${d.changed.length} changed, ${d.removed.length} removed`);
			for (const o of d.created) out(`+ ${o.type} ${o.id}`);
			for (const o of d.changed) out(`~ ${o.type} ${o.id} (${o.fields.join(", ")})`);
			for (const o of d.removed) out(`- ${o.type} ${o.id}`);
			return;
		}
		default: throw new CliError(`unknown snapshot command '${action}': use save, load, list or diff`);
	}
}
// src/cli/listen.ts
var SECRETS_FILE = "listen-secrets.json";
/** The signing secrets `listen` keeps per forward URL on this machine, so a `.env` stays valid across restarts. */
function secretsPath() {
	return (0, node_path.join)(defaultDataDir(), SECRETS_FILE);
}
function readSecrets() {
	try {
		return JSON.parse((0, node_fs.readFileSync)(secretsPath(), "utf8"));
	} catch {
		return {};
	}
}
/** The secret for a forward URL, made (and kept, owner-readable only) on first use. */
function secretFor(url) {
	const all = readSecrets();
	if (all[url]) return all[url];
	const secret = `whsec_${(0, node_crypto.randomBytes)(24).toString("hex")}`;
	const dir = defaultDataDir();
	(0, node_fs.mkdirSync)(dir, { recursive: true });
	(0, node_fs.writeFileSync)(secretsPath(), `${JSON.stringify({
		...all,
		[url]: secret
	}, null, 2)}\n`, { mode: 384 });
	if (process.platform !== "win32") (0, node_fs.chmodSync)(secretsPath(), 384);
	return secret;
}
function checkForwardUrl(url, flag) {
	const full = /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`;
	try {
		const u = new URL(full);
		if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error();
	} catch {
		throw new CliError(`${flag} must be an http(s) URL such as http://localhost:4242/webhooks, got '${url}'`);
	}
	return full;
}
/**
* `counterfoil listen`: registers a listener (a webhook endpoint for the
* forward URL, signed with this machine's secret for it), prints each event
* and each delivery attempt as it happens, and removes the listener on ^C.
*/
async function listen(flags, out = console.log) {
	if (!flags.forwardTo) {
		if (flags.printSecret) {
			const known = Object.entries(readSecrets());
			if (known.length === 1) return void out(known[0][1]);
			throw new CliError("listen --print-secret needs --forward-to URL: the secret is kept per forward URL");
		}
		throw new CliError("listen needs --forward-to URL (e.g. --forward-to localhost:4242/webhooks)");
	}
	const forwardTo = checkForwardUrl(flags.forwardTo, "--forward-to");
	if (flags.forwardConnectTo) checkForwardUrl(flags.forwardConnectTo, "--forward-connect-to");
	const json = flags.format !== void 0 && flags.format.toUpperCase() === "JSON";
	if (flags.format !== void 0 && !json) throw new CliError(`--format takes JSON, got '${flags.format}'`);
	const secret = secretFor(forwardTo);
	if (flags.printSecret) return void out(secret);
	const sandbox = new Sandbox(flags);
	await sandbox.ensureRunning();
	const events = (flags.events ?? "*").split(",").map((e) => e.trim()).filter(Boolean);
	const endpointId = (await sandbox.control("POST", "/listeners", {
		url: forwardTo,
		enabled_events: events,
		secret,
		...flags.skipVerify ? { skip_verify: true } : {}
	})).endpoint.id;
	const controller = new AbortController();
	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		controller.abort();
		try {
			await sandbox.control("DELETE", `/listeners/${endpointId}`);
		} catch {}
		process.exit(code);
	};
	process.on("SIGINT", () => void stop(0));
	process.on("SIGTERM", () => void stop(0));
	out(`Ready! Your webhook signing secret is ${secret} (^C to quit)`);
	if (flags.forwardConnectTo) out("Note: this sandbox has no connected accounts, so nothing is forwarded to --forward-connect-to.");
	const printed = /* @__PURE__ */ new Map();
	let polling;
	let again = false;
	const line = (ms, text) => out(`${stamp(ms)}   ${text}`);
	const poll = async () => {
		const page = await sandbox.control("GET", "/dashboard/deliveries", void 0, {
			q: endpointId,
			limit: 200
		});
		for (const d of page.data.reverse()) {
			if (printed.get(d.id) === void 0) {
				printed.set(d.id, 0);
				if (json) {
					const event = await sandbox.api("GET", `/v1/events/${d.event_id}`).catch(() => ({
						id: d.event_id,
						type: d.event_type
					}));
					out(JSON.stringify(event));
				} else line(Date.now(), `--> ${d.event_type} [${d.event_id}]`);
			}
			if (d.attempt_rows <= (printed.get(d.id) ?? 0)) continue;
			const detail = await sandbox.control("GET", `/dashboard/deliveries/${d.id}`);
			const from = printed.get(d.id) ?? 0;
			detail.attempts.slice(from).forEach((a, i) => {
				const isLast = from + i === detail.attempts.length - 1;
				const chaos = a.chaos?.length ? ` {${a.chaos.join("; ")}}` : "";
				let tail = "";
				if (isLast && a.error !== null && detail.status === "pending" && detail.next_attempt_ms !== null) tail = ` \u2014 retry in ${Math.max(0, Math.round((detail.next_attempt_ms - a.at_ms) / 1e3))}s`;
				else if (isLast && detail.status === "failed") tail = ` \u2014 gave up after ${detail.attempt_count} attempts`;
				if (json) out(JSON.stringify({
					object: "delivery_attempt",
					event: d.event_id,
					url: a.url,
					status: a.response_status,
					error: a.error,
					chaos: a.chaos ?? []
				}));
				else if (a.response_status === null) line(Date.now(), `<-- [ERROR] POST ${a.url} [${d.event_id}] ${a.error}${chaos}${tail}`);
				else line(Date.now(), `<-- [${a.response_status}] POST ${a.url} [${d.event_id}]${chaos}${tail}`);
			});
			printed.set(d.id, detail.attempts.length);
		}
	};
	const schedule = async () => {
		if (polling) {
			again = true;
			return polling;
		}
		polling = (async () => {
			do {
				again = false;
				await poll();
			} while (again);
		})().finally(() => polling = void 0);
		return polling;
	};
	try {
		await sandbox.stream(async (changes) => {
			if (changes.some((c) => c.kind === "delivery")) await schedule();
		}, controller.signal);
	} catch (err) {
		if (stopping) return;
		throw err instanceof CliError ? err : new CliError(`lost the sandbox at ${sandbox.apiBase}: ${err.message}`);
	}
	if (!stopping) throw new CliError(`the sandbox at ${sandbox.apiBase} stopped; the listener is gone with it`);
}
// src/cli/program.ts
/** What `counterfoil --help` lists before serve's own flags. */
var OVERVIEW = `Usage: counterfoil <command> [options]

Commands (each takes --help):
  serve                      run the sandbox (the default command)
  listen --forward-to URL    forward the sandbox's events to a local URL, signed
  trigger EVENT              run the built-in fixture that produces EVENT (--list shows them)
  fixtures FILE.json         run a fixture file in the Stripe CLI's format
  events resend EVT          deliver an event again
  logs tail                  stream the API request log
  snapshot save|load|list|diff   keep and restore the sandbox's state`;
/** Options every command that reaches a sandbox takes. */
function connection(command) {
	return command.option("--api-base <url>", "the running sandbox (default http://127.0.0.1:12111, or $COUNTERFOIL_API_BASE)").option("--api-key <key>", "a secret key for /v1 requests (any sk_test_ works)").option("--token <token>", "the dashboard token, for controls (default $COUNTERFOIL_TOKEN, else the one serve keeps in its data directory)");
}
function edits(command) {
	return command.option("--add <fixture:key=value>", "add a param to a fixture request (repeatable)", { type: [String] }).option("--override <fixture:key=value>", "replace a param of a fixture request (repeatable)", { type: [String] }).option("--remove <fixture:key>", "drop a param from a fixture request (repeatable)", { type: [String] });
}
/** Turns what mri read as numbers back into the strings the commands expect. */
function strings(options) {
	return Object.fromEntries(Object.entries(options).map(([k, v]) => [k, typeof v === "number" ? String(v) : v]));
}
/** Parses and runs every command but `serve`. */
async function runCommand(argv) {
	const cli = cac("counterfoil");
	let action;
	const run = (p) => {
		action = p;
	};
	connection(cli.command("listen", "Forward the sandbox's events to a local URL, each signed with this machine's secret for that URL").option("--forward-to <url>", "where to POST each event, e.g. localhost:4242/webhooks").option("--events <types>", "comma-separated event types, or * (default *)").option("--forward-connect-to <url>", "where Connect events would go (this sandbox has none)").option("--skip-verify", "accepted for compatibility, with no effect: deliveries to https URLs still verify the certificate").option("--print-secret", "print the signing secret for --forward-to and exit").option("--format <format>", "JSON prints each event and attempt as one JSON line").example("counterfoil listen --forward-to localhost:4242/webhooks --events treasury.outbound_payment.posted")).action((flags) => run(listen(strings(flags))));
	connection(edits(cli.command("trigger [event]", "Run the built-in fixture that produces an event, printing each request").option("--list", "list every supported event").example("counterfoil trigger treasury.outbound_payment.posted --override outbound_payment:amount=2500"))).action((event, flags) => run(trigger(event, strings(flags))));
	connection(edits(cli.command("fixtures <file>", "Run a fixture file in the Stripe CLI's format and print the ids made"))).action((file, flags) => run(fixtures(file, strings(flags))));
	connection(cli.command("events <action> <event>", "events resend EVT: deliver an event again (to --webhook-endpoint, else every endpoint that takes it)").option("--webhook-endpoint <id>", "only this endpoint (we_\u2026)")).action((sub, event, flags) => {
		if (sub !== "resend") throw new CliError(`unknown events command '${sub}': use \`counterfoil events resend EVT\``);
		run(resend(String(event), strings(flags)));
	});
	connection(cli.command("logs <action>", "logs tail: stream the API request log as requests arrive").option("--filter-http-method <methods>", "GET, POST, DELETE (comma-separated)").option("--filter-status-code <codes>", "e.g. 200,402").option("--filter-status-code-type <types>", "2XX, 4XX, 5XX (comma-separated)").option("--filter-request-path <paths>", "exact paths, or a prefix ending in * (comma-separated)").option("--filter-request-status <status>", "SUCCEEDED or FAILED").option("--format <format>", "JSON prints each request as one JSON line")).action((sub, flags) => {
		if (sub !== "tail") throw new CliError(`unknown logs command '${sub}': use \`counterfoil logs tail\``);
		run(tail(strings(flags)));
	});
	connection(cli.command("snapshot <action> [...names]", "snapshot save NAME | load NAME | list | diff A B (A or B may be `current`)")).action((sub, names, flags) => run(snapshot(sub, names.map(String), strings(flags))));
	cli.help();
	cli.parse([
		"node",
		"counterfoil",
		...argv
	], { run: false });
	if (!cli.matchedCommand) return;
	cli.runMatchedCommand();
	if (action) await action;
}
// src/cli/index.ts
async function serve(argv) {
	const opts = parseServeArgs(argv);
	if (opts.help) {
		console.log(USAGE);
		return;
	}
	let dbPath = opts.db;
	if (!dbPath) {
		const dir = defaultDataDir();
		(0, node_fs.mkdirSync)(dir, { recursive: true });
		dbPath = (0, node_path.join)(dir, "sandbox.db");
	}
	const rendererDir = (0, node_path.join)((0, node_path.dirname)((0, node_url.fileURLToPath)(require("url").pathToFileURL(__filename).href)), "..", "renderer");
	const engine = require_engine.createEngine({
		dbPath,
		host: opts.host,
		port: opts.port,
		token: opts.token,
		allowHosts: opts.allowHosts,
		rendererDir,
		settings: opts.settings,
		onUpgrade: (pending) => console.log(`Upgrading ${dbPath} to this version's schema (${pending.join(", ")}); once, and a large sandbox takes a minute or two\u2026`)
	});
	let url;
	try {
		url = await engine.start();
	} catch (err) {
		if (err.code !== "EADDRINUSE") throw err;
		await engine.stop();
		const base = `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${opts.port}`;
		const { text, code } = alreadyRunningMessage(base, engine.token, await probe(base, engine.token), opts.port);
		(code === 0 ? console.log : console.error)(text);
		process.exitCode = code;
		return;
	}
	console.log(`Counterfoil listening on ${url} (db ${dbPath}) \u2014 dashboard: ${url}/?token=${engine.token}`);
	let stopping = false;
	const shutdown = (signal) => {
		if (stopping) return;
		stopping = true;
		engine.stop().then(() => process.exit(0), (err) => {
			console.error(`counterfoil: error while stopping on ${signal}:`, err);
			process.exit(1);
		});
	};
	process.on("SIGINT", () => shutdown("SIGINT"));
	process.on("SIGTERM", () => shutdown("SIGTERM"));
}
/** Commands beyond `serve`, parsed with cac (each has its own --help). */
var COMMANDS = [
	"listen",
	"trigger",
	"fixtures",
	"events",
	"logs",
	"snapshot"
];
/** `counterfoil <command> [flags]`. */
async function main(argv) {
	const [command = "serve", ...rest] = argv;
	if (command === "serve") return serve(rest);
	if (command === "--help" || command === "-h" || command === "help") {
		console.log(`${OVERVIEW}\n\n${USAGE}`);
		return;
	}
	if (command.startsWith("-")) return serve(argv);
	if (COMMANDS.includes(command)) return runCommand(argv);
	const near = nearMatches(command, ["serve", ...COMMANDS], 3);
	throw new CliError(`unknown command '${command}'${near.length ? `; did you mean ${near.join(", ")}?` : ""} (counterfoil --help lists them)`);
}
main(process.argv.slice(2)).catch((err) => {
	const known = err instanceof CliError || err.name === "CACError" || /^--/.test(err.message);
	console.error(`counterfoil: ${known ? err.message.split("\n")[0] : err.message}`);
	process.exit(1);
});
