import type { ModuleCatalog } from '../../platform/i18n/index.js';

/** The plan module's entries on the staff home and in the staff menu. */
const zh = {
  'plan.tile.plan': '服務品質執行計畫',
  'plan.tile.plan.desc': '年度計畫、執行指標自動統計、每月所務會議管考與年終自評',
  'plan.tile.checks': '抽查、內部稽核',
  'plan.tile.checks.desc': '登錄抽查與稽核發現的缺失，按月統計缺失率',
  'plan.tile.proposals': '提案制度',
  'plan.tile.proposals.desc': '同仁提出改善提案，主任決定是否採納並追蹤使用人次',
  'plan.tile.process': '流程、書表檢討',
  'plan.tile.process.desc': '記錄每次檢討前後的步驟、表單、文件與臨櫃時間',
  'plan.tile.awards': '獎項殊榮',
  'plan.tile.awards.desc': '參加與獲得的獎項及佐證資料',
  'plan.tile.county': '各所計畫評核',
  'plan.tile.county.desc': '各所自評與縣府評分逐項比較',
};

const en: Record<keyof typeof zh, string> = {
  'plan.tile.plan': 'Service-quality plan',
  'plan.tile.plan.desc': 'The yearly plan, measures computed from operations, the monthly review and the self-evaluation',
  'plan.tile.checks': 'Spot checks and audits',
  'plan.tile.checks.desc': 'Checks and the defects they found, with the monthly defect rate',
  'plan.tile.proposals': 'Improvement proposals',
  'plan.tile.proposals.desc': 'Staff proposals, the director’s decision and how many citizens used them',
  'plan.tile.process': 'Process and form reviews',
  'plan.tile.process.desc': 'Steps, forms, documents and minutes before and after each review',
  'plan.tile.awards': 'Awards',
  'plan.tile.awards.desc': 'Awards entered and won, with evidence',
  'plan.tile.county': 'Offices’ evaluations',
  'plan.tile.county.desc': 'Self-scores and county scores of every office, item by item',
};

export const tilesCatalog: ModuleCatalog = { 'zh-Hant': zh, en };
