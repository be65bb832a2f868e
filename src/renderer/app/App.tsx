import { lazy, Suspense, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../stores/store';
import type { View } from '../stores/app-slice';
import { useLiveUpdates } from '../stores/use-live-updates';
import { useKeyboard } from './use-keyboard';
import { Header } from './Header';
import { StatusBar } from '../components/StatusBar';
import { Notices } from '../components/Notices';
import { TimelineView } from '../features/timeline/TimelineView';

// Only the timeline is in the first bundle; the other views load when first opened.
const InspectorView = lazy(() => import('../features/inspector/InspectorView').then((m) => ({ default: m.InspectorView })));
const ControlsView = lazy(() => import('../features/controls/ControlsView').then((m) => ({ default: m.ControlsView })));
const ObjectsView = lazy(() => import('../features/objects/ObjectsView').then((m) => ({ default: m.ObjectsView })));
const SigmaView = lazy(() => import('../features/sigma/SigmaView').then((m) => ({ default: m.SigmaView })));

const VIEWS: Record<View, React.ComponentType> = {
  timeline: TimelineView,
  inspector: InspectorView,
  controls: ControlsView,
  objects: ObjectsView,
  sigma: SigmaView,
};

export function App() {
  const { view, ready, theme } = useDashboard(useShallow((s) => ({ view: s.view, ready: s.ready, theme: s.theme })));

  useLiveUpdates();
  useKeyboard();

  // Tests wait on this marker instead of sleeping.
  useEffect(() => {
    document.getElementById('root')?.setAttribute('data-app-state', ready ? 'ready' : 'loading');
  }, [ready]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const Current = VIEWS[view];
  return (
    <div className="app">
      <Header />
      <main className="view" data-testid={`view-${view}`}>
        {/* Views render at once (the timeline's first page is already on its way); `ready` marks the rest loaded. */}
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Current />
        </Suspense>
      </main>
      <StatusBar />
      <Notices />
    </div>
  );
}
