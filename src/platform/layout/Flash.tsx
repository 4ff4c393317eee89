import type { ViewContext } from '../http/context.js';

/** Messages carried across a redirect (post → redirect → get). */
export function FlashMessages({ ctx }: { ctx: ViewContext }) {
  if (ctx.flash.length === 0) return null;
  return (
    <div class="flash-list">
      {ctx.flash.map((f, i) => (
        <div key={`${i}-${f.key}`} class={`flash flash-${f.kind}`} role={f.kind === 'warning' ? 'alert' : 'status'}>
          <p>{ctx.t(f.key, f.params)}</p>
        </div>
      ))}
    </div>
  );
}
