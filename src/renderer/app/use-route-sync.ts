import { useEffect } from 'react';
import { useDashboard, type DashboardState } from '../stores/store';
import { formatRoute, parseRoute, type Route } from './route';

/** The route the state shows now. */
function routeOf(s: DashboardState): Route {
  switch (s.view) {
    case 'inspector': {
      const tab = s.inspectorTab;
      const id = tab === 'requests' ? s.selectedRequest?.id : tab === 'deliveries' ? s.selectedDelivery?.id : s.selectedForwarding;
      return { view: 'inspector', tab, id: id ?? undefined };
    }
    case 'objects':
      return { view: 'objects', id: s.openObject?.object.id };
    case 'webhooks':
      return { view: 'webhooks', id: s.selectedEndpoint && s.selectedEndpoint !== 'new' ? s.selectedEndpoint : undefined };
    default:
      return { view: s.view };
  }
}

/** Puts the state where the route says: view, tab, selection. */
async function apply(route: Route): Promise<void> {
  const s = useDashboard.getState();
  s.setView(route.view);
  if (route.view === 'inspector') {
    const tab = route.tab ?? 'requests';
    if (s.inspectorTab !== tab) s.setInspectorTab(tab);
    if (tab === 'requests') await s.selectRequest(route.id ?? null);
    else if (tab === 'deliveries') await s.selectDelivery(route.id ?? null);
    else s.selectForwarding(route.id ?? null);
  } else if (route.view === 'objects') {
    if (route.id) await s.openObjectById(route.id);
    else useDashboard.setState({ openObject: null });
  } else if (route.view === 'webhooks') {
    s.selectEndpoint(route.id ?? null);
  }
}

/**
 * Keeps the tab and the selection in the address bar (`#/inspector/deliveries/whdel_…`)
 * so a reload or a shared link opens the same place, and Back steps through selections.
 */
export function useRouteSync(): void {
  const ready = useDashboard((s) => s.ready);
  useEffect(() => {
    if (!ready) return;
    let applying = false;
    const follow = (hash: string) => {
      const route = parseRoute(hash);
      if (!route) {
        window.history.replaceState(null, '', formatRoute(routeOf(useDashboard.getState())));
        return;
      }
      applying = true;
      void apply(route).finally(() => {
        applying = false;
        window.history.replaceState(null, '', formatRoute(routeOf(useDashboard.getState())));
      });
    };
    follow(window.location.hash);
    const unsubscribe = useDashboard.subscribe((s) => {
      if (applying) return;
      const hash = formatRoute(routeOf(s));
      if (hash !== window.location.hash) window.history.pushState(null, '', hash);
    });
    const onPop = () => follow(window.location.hash);
    window.addEventListener('popstate', onPop);
    return () => {
      unsubscribe();
      window.removeEventListener('popstate', onPop);
    };
  }, [ready]);
}
