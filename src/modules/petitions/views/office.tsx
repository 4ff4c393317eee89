// The office picker is shared by every per-office staff page (platform/layout/OfficePicker.tsx).
export { OfficeField, type OfficeChoice, OfficePicker } from '../../../platform/layout/OfficePicker.js';
