/**
 * The demo's generated population statistics and village boundaries (issue
 * 18): realistic-looking, self-consistent and deterministic, written in the
 * Ministry's formats — but GENERATED, not official figures or boundaries.
 */
export { generateVillageBoundaries, VILLAGE_REACH_M, type VillageBoundary, type VillageBoundaryProperties, villageAreaKm2 } from './boundaries.js';
export { DATASET_OF, type DemoFile, demoPopulationFiles, type FileStyle, monthsUpTo, populationFileName, STAT_KINDS, writeDemoPopulationFiles } from './files.js';
export { DEFAULT_SEED } from './model.js';
export { type AgeRow, type EventRow, type GenerateOptions, generatePopulationMonth, type HouseholdRow, isTotalRow, type PopulationMonth, TOTAL_ROW_NAME } from './month.js';
export { COUNTY_NAME, EPOCH_MONTH } from './profiles.js';
export { type WriteOptions, writePopulationFiles } from './write.js';
