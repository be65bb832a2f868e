import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../stores/store';
import type { Theme, View } from '../stores/app-slice';
import { DemoButton } from '../features/sandbox/DemoButton';

const TABS: { view: View; label: string }[] = [
  { view: 'timeline', label: 'Timeline' },
  { view: 'inspector', label: 'Inspector' },
  { view: 'controls', label: 'Controls' },
  { view: 'objects', label: 'Objects' },
  { view: 'webhooks', label: 'Webhooks' },
  { view: 'sigma', label: 'Sigma' },
];

const NEXT_THEME: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };

export function Header() {
  const { view, setView, theme, setTheme } = useDashboard(
    useShallow((s) => ({ view: s.view, setView: s.setView, theme: s.theme, setTheme: s.setTheme })),
  );
  return (
    <header className="header">
      <span className="brand">
        <span className="brand-mark" aria-hidden>
          ◧
        </span>
        Counterfoil
      </span>
      <nav className="tabs" role="tablist" aria-label="Views">
        {TABS.map((t, i) => (
          <button
            key={t.view}
            role="tab"
            aria-selected={view === t.view}
            className={view === t.view ? 'tab active' : 'tab'}
            data-testid={`nav-${t.view}`}
            title={`${t.label} (${i + 1})`}
            onClick={() => setView(t.view)}
          >
            {t.label}
            <kbd>{i + 1}</kbd>
          </button>
        ))}
      </nav>
      <span className="spacer" />
      <DemoButton />
      <button
        className="button ghost"
        data-testid="theme-toggle"
        title="Theme: system → light → dark"
        onClick={() => setTheme(NEXT_THEME[theme])}
      >
        {theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'} {theme}
      </button>
    </header>
  );
}
