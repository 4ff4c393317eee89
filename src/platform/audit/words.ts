import { knowsMessage, type Translate } from '../i18n/index.js';

/**
 * The audit log in words: 「登入」, 「檢視掛失紀錄」 instead of auth.login and
 * lostid.view. Each action has a string `audit.do.<action>` (in
 * ./i18n.ts); one that has none yet reads as its area's name and the raw
 * code, never as nothing, so a new action is still findable.
 */
export function actionText(t: Translate, action: string): string {
  if (knowsMessage(`audit.do.${action}`)) return t(`audit.do.${action}`);
  return `${areaText(t, areaOf(action))}：${action}`;
}

/** The first part of an action: the area a filter can pick (booking, plan …). */
export const areaOf = (action: string): string => action.split('.')[0] ?? action;

export function areaText(t: Translate, area: string): string {
  return knowsMessage(`audit.area.${area}`) ? t(`audit.area.${area}`) : area;
}

/** 「預約 #12」: what a row acted on, in words where we have them. */
export function targetText(t: Translate, type: string | null, id: string | null): string {
  if (!type) return '';
  // a record that is a whole list (「掛失名單」) has its own word rather than 「#list」
  if (id && knowsMessage(`audit.obj.${type}.${id}`)) return t(`audit.obj.${type}.${id}`);
  const word = knowsMessage(`audit.obj.${type}`) ? t(`audit.obj.${type}`) : type;
  return id ? `${word} #${id}` : word;
}

/** The detail JSON as 「欄位：值」 pairs (field names in words where known); text that is not JSON as it is. */
export function detailPairs(t: Translate, detail: string | null): { key: string; value: string }[] {
  if (!detail) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return [{ key: '', value: detail }];
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return [{ key: '', value: detail }];
  return Object.entries(parsed as Record<string, unknown>).map(([k, v]) => ({
    key: knowsMessage(`audit.key.${k}`) ? t(`audit.key.${k}`) : k,
    value: typeof v !== 'string' ? JSON.stringify(v) : knowsMessage(`audit.val.${v}`) ? t(`audit.val.${v}`) : v,
  }));
}
