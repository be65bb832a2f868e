#!/usr/bin/env node
// `npm run app`: builds better-sqlite3 for Electron *beside* the Node build
// (into .native/electron/, which src/engine/store/native-binding.ts selects
// under Electron), builds the app and opens the desktop window. The Node
// build in node_modules is never touched, so `npm test` and `npm run serve`
// keep working whichever was run last.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The installed Electron's version (from its package, not its binary, which may be missing). */
export function electronVersion(root = ROOT) {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/** Where the Electron build of better-sqlite3 goes; the engine looks in the same place. */
export function electronNativePath(root = ROOT, version = electronVersion(root)) {
  return join(root, '.native', 'electron', `better_sqlite3-${version}.node`);
}

/** One line out of a failed tool's output: what it was fetching and why it failed, if that is what happened. */
export function lastWords(output) {
  const text = String(output ?? '');
  const url = /gyp http GET (\S+)/.exec(text)?.[1];
  if (/network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo/i.test(text)) {
    return `network error${url ? ` fetching ${url}` : ''}`;
  }
  const lines = text
    .split('\n')
    .map((l) => l.replace(/^gyp (ERR|WARN|info)! ?(stack )?/, '').trim())
    .filter((l) => l && !/^(cwd|node -v|node-gyp -v|command|not ok|System|at )/.test(l));
  return lines.at(-1) ?? 'unknown error';
}

/** Electron's NODE_MODULE_VERSION, as the electron package records it. */
export function electronAbi(root = ROOT) {
  return readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
}

/** The NODE_MODULE_VERSION a compiled addon registers itself for, read from the binary. */
export function moduleAbi(file) {
  return /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'))?.[1];
}

/** npm passes its config to child processes as npm_config_*; node-gyp would let it override our target. */
function withoutNpmConfig(env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_config_/i.test(k)));
}

/**
 * Compiles better-sqlite3 against Electron's headers in a temporary copy of
 * the package and moves only the resulting `.node` file into .native/electron/.
 * Resolves `{ ok: true, path }`, or `{ ok: false, reason }` without having
 * changed anything under node_modules.
 */
export function buildElectronNative({ root = ROOT, force = false } = {}) {
  const version = electronVersion(root);
  const target = electronNativePath(root, version);
  if (existsSync(target) && !force) return { ok: true, path: target, built: false };
  const source = join(root, 'node_modules', 'better-sqlite3');
  const work = mkdtempSync(join(tmpdir(), 'counterfoil-electron-native-'));
  try {
    const copy = join(work, 'better-sqlite3');
    cpSync(source, copy, { recursive: true, filter: (p) => !p.startsWith(join(source, 'build')) });
    const gyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    const headers = process.env.COUNTERFOIL_ELECTRON_HEADERS_URL ?? 'https://electronjs.org/headers';
    const res = spawnSync(
      process.execPath,
      [gyp, 'rebuild', '--release', `--target=${version}`, '--runtime=electron', `--arch=${process.arch}`, `--dist-url=${headers}`],
      { cwd: copy, encoding: 'utf8', timeout: 15 * 60_000, env: withoutNpmConfig(process.env) },
    );
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (res.status !== 0 || !existsSync(built)) {
      return {
        ok: false,
        reason: `cannot build better-sqlite3 for Electron ${version} (${lastWords([res.stdout, res.stderr, res.error?.message].filter(Boolean).join('\n'))}); the Node build is untouched.`,
      };
    }
    // A build for the wrong runtime would load nowhere: never install one where Electron looks.
    const abi = electronAbi(root);
    const got = moduleAbi(built);
    if (got !== abi) {
      return { ok: false, reason: `the Electron build of better-sqlite3 came out for module ABI ${got ?? 'unknown'}, not Electron ${version}'s ${abi}; nothing was installed and the Node build is untouched.` };
    }
    mkdirSync(dirname(target), { recursive: true });
    // Copy then rename: a half-written file must never sit where the engine looks.
    copyFileSync(built, `${target}.partial`);
    renameSync(`${target}.partial`, target);
    return { ok: true, path: target, built: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The Electron executable, downloading it on first use as the electron
 * package does; `{ ok: false, reason }` where it cannot be had.
 */
export function electronBinary(root = ROOT) {
  const pkg = join(root, 'node_modules', 'electron');
  const installed = () => {
    try {
      const rel = readFileSync(join(pkg, 'path.txt'), 'utf8');
      const full = join(pkg, 'dist', rel);
      return existsSync(full) ? full : undefined;
    } catch {
      return undefined;
    }
  };
  let path = installed();
  if (!path) {
    const res = spawnSync(process.execPath, [join(pkg, 'install.js')], { encoding: 'utf8', timeout: 10 * 60_000 });
    path = installed();
    if (!path) {
      return { ok: false, reason: `Electron ${electronVersion(root)}'s binary could not be downloaded (${lastWords(res.stderr || res.stdout)})` };
    }
  }
  return { ok: true, path };
}

/** Whether a window could be shown: Linux needs an X11 or Wayland display. */
export function displayAvailable(env = process.env, platform = process.platform) {
  if (platform !== 'linux') return { ok: true };
  return env.DISPLAY || env.WAYLAND_DISPLAY ? { ok: true } : { ok: false, reason: 'no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
}

/** Builds the three bundles (main, preload, renderer). */
export function buildApp(root = ROOT) {
  const res = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (res.status !== 0) throw new Error('the app build failed');
}

/** Runs the desktop app and resolves with its exit code. */
export function launchElectron(binary, root = ROOT) {
  return new Promise((resolveExit) => {
    const child = spawn(binary, [root], { stdio: 'inherit', env: { ...process.env, COUNTERFOIL_ROOT: root } });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code) => resolveExit(code ?? 1));
  });
}

async function main() {
  const force = process.argv.includes('--force');
  const native = buildElectronNative({ force });
  if (!native.ok) {
    console.error(`counterfoil: ${native.reason}`);
    process.exit(1);
  }
  if (native.built) console.log(`counterfoil: built ${native.path}`);
  if (process.argv.includes('--native-only')) return;
  const binary = electronBinary();
  if (!binary.ok) {
    console.error(`counterfoil: ${binary.reason}; run \`npm run serve\` for the headless dashboard.`);
    process.exit(1);
  }
  buildApp();
  process.exit(await launchElectron(binary.path));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
