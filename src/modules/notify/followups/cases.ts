import { type CaseFacts, caseFactsService } from '../../cases/index.js';
import { lifeEventOfGuide } from '../../../platform/life-events.js';

export type { CaseFacts };
export const { caseFacts, caseByNumber, casesByIds } = caseFactsService;

export const isBirthCase = (c: CaseFacts) => lifeEventOfGuide(c.guideCode) === 'birth';
