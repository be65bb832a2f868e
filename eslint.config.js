import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layering of DESIGN.md, enforced: the engine runs under plain Node and
// imports only itself; shared holds types and imports nothing; the renderer
// and preload reach the engine only over HTTP.
const engineOnly = {
  patterns: [
    { group: ['electron', 'electron/*'], message: 'src/engine runs under plain Node: no Electron.' },
    { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*'], message: 'src/engine has no UI.' },
    { group: ['**/renderer/**', '**/main/**', '**/preload/**', '**/cli/**'], message: 'src/engine imports only itself (and shared types).' },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.native/**', 'test-results/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', fetch: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        AbortSignal: 'readonly', AbortController: 'readonly', Headers: 'readonly', window: 'readonly', document: 'readonly',
        performance: 'readonly', navigator: 'readonly', EventSource: 'readonly', __dirname: 'readonly', structuredClone: 'readonly',
        TextEncoder: 'readonly', TextDecoder: 'readonly', Response: 'readonly', Request: 'readonly', setImmediate: 'readonly',
        localStorage: 'readonly', requestAnimationFrame: 'readonly', cancelAnimationFrame: 'readonly', HTMLElement: 'readonly',
        KeyboardEvent: 'readonly', MouseEvent: 'readonly', ResizeObserver: 'readonly', queueMicrotask: 'readonly',
        URLSearchParams: 'readonly', Blob: 'readonly', FormData: 'readonly', Event: 'readonly', EventTarget: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // A timer read by a callback declared before it is set is not a constant.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // TypeScript itself reports undefined names in .ts files.
    files: ['**/*.{ts,tsx}'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', engineOnly] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['*', '**'], message: 'src/shared holds types only and imports nothing.' }] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/engine/**', '**/main/**', '**/cli/**'], message: 'The renderer and preload talk to the engine over HTTP only.' }] },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
);
