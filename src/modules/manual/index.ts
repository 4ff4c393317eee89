import type { HuzhengModule } from '../../platform/module.js';

/** Placeholder, filled in by issue 20. */
export const manualModule: HuzhengModule = {
  name: 'manual',
  routes() {},
};
