import type { HuzhengModule } from '../../platform/module.js';
import { calendarRoutes } from './routes.js';

export * as calendarService from './service.js';

/** The office calendar: national days off imported each year, plus each office's own closures. */
export const calendarModule: HuzhengModule = {
  name: 'calendar',
  routes: calendarRoutes,
  staffTiles: [{ href: '/staff/calendar', titleKey: 'tile.calendar', descKey: 'tile.calendar.desc', capability: 'calendar.view', menu: 'settings' }],
};
