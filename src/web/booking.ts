import { solveChallenge } from 'altcha-lib';

/**
 * On a hot date the final booking step carries an ALTCHA proof of work:
 * fetch a challenge, solve it while the person reads the page, and put the
 * answer in the form. Without JavaScript the server falls back to a
 * reading-time check, so the form still works.
 */
const form = document.querySelector<HTMLFormElement>('form[data-pow]');
const field = form?.querySelector<HTMLInputElement>('input[name="altcha"]');
const status = form?.querySelector<HTMLElement>('[data-pow-status]');

async function solve(url: string) {
  if (!field) return;
  if (status) status.textContent = status.dataset.working ?? '';
  const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  const c = (await res.json()) as { algorithm: string; challenge: string; maxnumber?: number; salt: string; signature: string };
  const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber ?? 1_000_000).promise;
  if (!solution) return;
  field.value = btoa(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: solution.number, salt: c.salt, signature: c.signature }));
  if (status) status.textContent = status.dataset.done ?? '';
}

if (form?.dataset.pow) void solve(form.dataset.pow).catch(() => undefined);
