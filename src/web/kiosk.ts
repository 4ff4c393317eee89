/** After a ticket is issued: print the slip, then go back to the start for the next person. */
const main = document.querySelector<HTMLElement>('[data-back]');
if (main) {
  document.querySelector('[data-action="print"]')?.addEventListener('click', () => window.print());
  if (!new URLSearchParams(location.search).has('noprint')) setTimeout(() => window.print(), 300);
  setTimeout(() => {
    location.href = main.dataset.back ?? '/';
  }, 20_000);
}
