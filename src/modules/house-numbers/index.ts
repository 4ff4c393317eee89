import { registerCatalog } from '../../platform/i18n/index.js';
import { moduleOfParts } from '../../platform/module.js';
import { registerImportPart } from './import/part.js';
import { lookupPart } from './lookup/part.js';
import { renumberingPart } from './renumbering/part.js';

const PARTS = [registerImportPart, lookupPart, renumberingPart];
for (const p of PARTS) registerCatalog(p.catalog);

export { type AddressParts, addressKey, addressLabel, type ParsedQuery } from './address.js';
export { parseAddress } from './normalise.js';

/**
 * House numbers (門牌): the register imported with its history, a look-up
 * that reads addresses the way people type them, an SVG map, and the
 * renumbering notices staff publish.
 */
export const houseNumbersModule = moduleOfParts('house-numbers', PARTS);
