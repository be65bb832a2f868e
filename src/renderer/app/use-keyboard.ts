import { useEffect } from 'react';
import { useDashboard } from '../stores/store';
import type { View } from '../stores/app-slice';

const KEYS: Record<string, View> = { '1': 'timeline', '2': 'inspector', '3': 'controls', '4': 'objects', '5': 'webhooks', '6': 'sigma' };

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** 1–5 switch views, `/` focuses the current view's search box, Escape leaves a field. */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && typing(e.target)) {
        (e.target as HTMLElement).blur();
        return;
      }
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const view = KEYS[e.key];
      if (view) {
        useDashboard.getState().setView(view);
        e.preventDefault();
      } else if (e.key === '/') {
        const search = document.querySelector<HTMLInputElement>('[data-search]');
        if (search) {
          search.focus();
          e.preventDefault();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
