/**
 * The few style rules of the population pages, served as
 * /static/css/population.css (routes.ts) beside the site's stylesheet:
 * figures sit flush with the text (a browser indents <figure> by 40 px,
 * too much at 390 px), charts take their column's width, the people and
 * households charts stand side by side where there is room, and a
 * headline figure's explanation sits small under its value.
 */
export const POPULATION_CSS = `/* population pages (src/modules/population/pages) */
.pop-figure { margin: 1rem 0 0.75rem; }
.pop-figure svg { display: block; width: 100%; height: auto; }
.pop-figure figcaption { margin-top: 0.5rem; }
.pop-narrow { max-width: 32rem; }
.pop-pair { display: grid; gap: 1rem 2rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); }
.pop-pair svg { max-width: 30rem; }
.pop-json { overflow-x: auto; background: var(--bg-soft); padding: 0.8rem 1rem; margin: 0 0 1.5rem; }
.pop-json pre { margin: 0; font-size: 0.8rem; line-height: 1.45; }
.pop-path { word-break: break-all; }
.pop-endpoints > div { padding: 0.5rem 0; border-bottom: 1px solid var(--line); }
.pop-endpoints dt { font-weight: 700; }
.pop-endpoints dd { margin: 0.2rem 0 0; }
.pop-table-short { max-width: 44rem; }
.pop-hint { display: block; font-size: 0.85rem; font-weight: 400; line-height: 1.4; }
`;
