import { lazy, Suspense, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../stores/store';
import type { View } from '../stores/app-slice';
import { useLiveUpdates } from '../stores/use-live-updates';
import { useSandboxClock } from '../stores/sandbox-clock';
import { useKeyboard } from './use-keyboard';
import { useRouteSync } from './use-route-sync';
import { Header } from './Header';
import { StatusBar } from '../components/StatusBar';
import { Notices } from '../components/Notices';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { TimelineView } from '../features/timeline/TimelineView';

// Only the timeline is in the first bundle; the other views load when first opened,
// or once the app is ready, so a view still opens while the server is away.
const loaders = {
  inspector: () => import('../features/inspector/InspectorView').then((m) => ({ default: m.InspectorView })),
  controls: () => import('../features/controls/ControlsView').then((m) => ({ default: m.ControlsView })),
  webhooks: () => import('../features/webhooks/WebhooksView').then((m) => ({ default: m.WebhooksView })),
  objects: () => import('../features/objects/ObjectsView').then((m) => ({ default: m.ObjectsView })),
  sigma: () => import('../features/sigma/SigmaView').then((m) => ({ default: m.SigmaView })),
};
const InspectorView = lazy(loaders.inspector);
const ControlsView = lazy(loaders.controls);
const WebhooksView = lazy(loaders.webhooks);
const ObjectsView = lazy(loaders.objects);
const SigmaView = lazy(loaders.sigma);

const VIEWS: Record<View, React.ComponentType> = {
  timeline: TimelineView,
  inspector: InspectorView,
  webhooks: WebhooksView,
  controls: ControlsView,
  objects: ObjectsView,
  sigma: SigmaView,
};

export function App() {
  const { view, ready, theme } = useDashboard(useShallow((s) => ({ view: s.view, ready: s.ready, theme: s.theme })));

  useLiveUpdates();
  useSandboxClock();
  useKeyboard();
  useRouteSync();

  // Tests wait on this marker instead of sleeping.
  useEffect(() => {
    document.getElementById('root')?.setAttribute('data-app-state', ready ? 'ready' : 'loading');
  }, [ready]);
  useEffect(() => {
    if (ready) for (const load of Object.values(loaders)) void load().catch(() => undefined);
  }, [ready]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const Current = VIEWS[view];
  return (
    <div className="app">
      <div className="top">
        <Header />
        <ConnectionBanner />
      </div>
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
