import type { View } from '../stores/app-slice';
import type { InspectorTab } from '../stores/inspector-slice';

/** What the address bar holds: the view, the inspector's tab, and the selected item. */
export interface Route {
  view: View;
  tab?: InspectorTab;
  id?: string;
}

const VIEWS: View[] = ['timeline', 'inspector', 'controls', 'objects', 'webhooks'];
const TABS: InspectorTab[] = ['requests', 'deliveries', 'forwarding'];

/** `#/inspector/deliveries/whdel_…` → `{ view: 'inspector', tab: 'deliveries', id: 'whdel_…' }`; anything else → null. */
export function parseRoute(hash: string): Route | null {
  const [view, ...rest] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (!VIEWS.includes(view as View)) return null;
  if (view === 'inspector') {
    const tab = TABS.includes(rest[0] as InspectorTab) ? (rest[0] as InspectorTab) : 'requests';
    return { view, tab, id: rest[1] || undefined };
  }
  return { view: view as View, id: rest[0] || undefined };
}

export function formatRoute(route: Route): string {
  const parts: string[] = [route.view];
  if (route.view === 'inspector') parts.push(route.tab ?? 'requests');
  if (route.id) parts.push(route.id);
  return `#/${parts.map(encodeURIComponent).join('/')}`;
}
