// Builds and serves Counterfoil headless (the desktop launcher replaces this).
import { spawnSync } from 'node:child_process';
const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
spawnSync(process.execPath, ['out/main/cli.js', 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
