import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where a user's sandboxes live by default, per platform convention. */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (env.COUNTERFOIL_HOME) return env.COUNTERFOIL_HOME;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Counterfoil');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Counterfoil');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'counterfoil');
}
