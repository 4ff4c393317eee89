/**
 * Steps and rulings are written in the same small Markdown subset as the
 * content module's bodies: one renderer for the whole product.
 */
export { plainText, renderBody as renderMarkdown } from '../content/index.js';
