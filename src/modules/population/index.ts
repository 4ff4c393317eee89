import { registerCatalog } from '../../platform/i18n/index.js';
import { moduleOfParts } from '../../platform/module.js';
import { populationImportPart } from './import/part.js';
import { populationPagesPart } from './pages/part.js';

const PARTS = [populationImportPart, populationPagesPart];
for (const p of PARTS) registerCatalog(p.catalog);

/**
 * Population statistics (人口統計) from the Ministry's monthly open data:
 * imported files kept raw, figures per county, town and village with
 * charts, downloads and a JSON API.
 */
export const populationModule = moduleOfParts('population', PARTS);
export * as places from './places.js';
