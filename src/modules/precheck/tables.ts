/** Table types of this module, merged into the database's DB type (src/db/schema.ts). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in with the module's tables
export interface PrecheckTables {}
