#!/usr/bin/env node
// `npm start`: the desktop app where it can run; elsewhere (no Electron
// binary, no display, no Electron build of the native module) one line says
// why and the same dashboard is served headless, with the URL to open.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, buildApp, buildElectronNative, displayAvailable, electronBinary, launchElectron } from './app.mjs';

/** The first reason the desktop window cannot open here, or the Electron executable. */
function desktopReadiness() {
  const display = displayAvailable();
  if (!display.ok) return display;
  const binary = electronBinary();
  if (!binary.ok) return binary;
  const native = buildElectronNative();
  if (!native.ok) return native;
  return binary;
}

/** Flags for `serve` pass through; `--no-build` reuses the existing out/ build. */
const args = process.argv.slice(2).filter((a) => a !== '--no-build');

function serveHeadless() {
  const child = spawn(process.execPath, [join(ROOT, 'out', 'main', 'cli.cjs'), 'serve', ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (!process.argv.includes('--no-build')) buildApp();
const ready = desktopReadiness();
if (ready.ok) {
  process.exit(await launchElectron(ready.path));
} else {
  console.log(`counterfoil: the desktop window cannot open here — ${ready.reason}. Serving the same dashboard headless; open the URL below.`);
  serveHeadless();
}
