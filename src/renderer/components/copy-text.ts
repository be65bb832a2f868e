import { useDashboard } from '../stores/store';

/** Copies through the desktop bridge when there is one, else the browser clipboard. */
export async function copyText(text: string): Promise<void> {
  const native = useDashboard.getState().client?.connection.native;
  if (native) return native.copyToClipboard(text);
  if (navigator.clipboard) {
    try {
      return await navigator.clipboard.writeText(text);
    } catch {
      // Headless browsers may refuse clipboard permission; fall through to the old way.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  document.body.appendChild(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}
