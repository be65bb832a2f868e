#!/usr/bin/env node
// The built headless entry; `npm run build` (or `npm start`) produces it.
import('../out/main/cli.cjs');
