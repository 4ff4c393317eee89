/**
 * Counter console: keyboard shortcuts press the matching button (the forms
 * work without this script), and the waiting figures refresh live.
 */
import { follow } from './live.js';

const KEYS: Record<string, string> = { n: 'call', r: 'recall', s: 'start', f: 'finish', x: 'no-show', p: 'park' };

document.addEventListener('keydown', (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const target = e.target as HTMLElement | null;
  if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
  const action = KEYS[e.key.toLowerCase()];
  if (!action) return;
  const button = document.querySelector<HTMLButtonElement>(`button[data-key="${action}"]`);
  if (button && !button.disabled) {
    e.preventDefault();
    button.click();
  }
});

const root = document.getElementById('console-root');
if (root?.dataset.code) {
  follow(
    root.dataset.code,
    (s) => {
      for (const line of s.lines) {
        const el = root.querySelector(`[data-waiting="${line.serviceId}"]`);
        if (el) el.textContent = String(line.waiting);
      }
    },
    () => {},
  );
}
