import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../stores/store';
import type { Theme, View } from '../stores/app-slice';

const TABS: { view: View; label: string }[] = [
  { view: 'timeline', label: 'Timeline' },
  { view: 'inspector', label: 'Inspector' },
  { view: 'controls', label: 'Controls' },
  { view: 'objects', label: 'Objects' },
  { view: 'sigma', label: 'Sigma' },
];

const NEXT_THEME: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };

export function Header() {
  const { view, setView, theme, setTheme, runDemo, accounts } = useDashboard(
    useShallow((s) => ({
      view: s.view,
      setView: s.setView,
      theme: s.theme,
      setTheme: s.setTheme,
      runDemo: s.runDemo,
      accounts: s.accounts.length,
    })),
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
      <button
        className="button primary"
        data-testid="demo-scenario"
        title={accounts > 0 ? 'Adds the demo company beside what is already here' : 'Fill the sandbox with a demo story'}
        onClick={() => void runDemo()}
      >
        ▶ Demo scenario
      </button>
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
