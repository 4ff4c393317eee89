import type { FastifyInstance } from 'fastify';
import { registerCatalog } from '../../platform/i18n/index.js';
import { registerIndicators } from '../../platform/indicators/index.js';
import type { AppServices, HuzhengModule } from '../../platform/module.js';
import { trainingCatalog } from './i18n.js';
import { trainingIndicators } from './indicators.js';
import { quizRoutes } from './routes-quiz.js';
import { recordRoutes } from './routes-records.js';

export { seedTraining } from './seed.js';

registerCatalog(trainingCatalog);
registerIndicators(trainingIndicators);

/** The law quiz (戶政法規測驗) and the training log (訓練紀錄) of office staff. */
export const trainingModule: HuzhengModule = {
  name: 'training',
  routes(app: FastifyInstance, s: AppServices) {
    quizRoutes(app, s);
    recordRoutes(app, s);
  },
  staffTiles: [
    { href: '/staff/training', titleKey: 'training.tile', descKey: 'training.tileDesc', capability: 'knowledge.view', menu: 'knowledge' },
    { href: '/staff/training/results', titleKey: 'training.manageTile', descKey: 'training.manageTileDesc', capability: 'knowledge.manage', menu: 'knowledge' },
  ],
};
