/**
 * Kiosk pages that end one person's turn (a printed ticket, a survey
 * thank-you): print when asked to, then go back to the start for the next
 * person. Without JavaScript the page keeps a big "next" link instead.
 */
const main = document.querySelector<HTMLElement>('[data-back]');
if (main) {
  document.querySelector('[data-action="print"]')?.addEventListener('click', () => window.print());
  if (main.dataset.print !== undefined && !new URLSearchParams(location.search).has('noprint')) setTimeout(() => window.print(), 300);
  setTimeout(
    () => {
      location.href = main.dataset.back ?? '/';
    },
    Number(main.dataset.backAfter ?? 20) * 1000,
  );
}
