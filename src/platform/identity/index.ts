export {
  generateIdNumber,
  type IdKind,
  type IdValidation,
  idNumberSchema,
  isValidIdNumber,
  maskIdNumber,
  normalizeIdNumber,
  validateIdNumber,
} from './national-id.js';
export { createVault, generateMasterKey, parseMasterKey, type Vault } from './vault.js';
