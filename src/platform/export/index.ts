export { type Cell, toCsv } from './csv.js';
export { ODS_MIME, type Sheet, toOds } from './ods.js';
