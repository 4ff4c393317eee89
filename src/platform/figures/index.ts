export { dayOf, type FigureSource, instantRange, num, type OfficeDay, Tallies } from './source.js';
export { addTo, bump, get, histogramPercentile, histogramSum, mean, partsOf, share, sumOf, type Tally } from './tally.js';
export { wilson, wilsonPercent } from './wilson.js';
export { markFiguresDirty } from './dirty.js';
