/**
 * A questionnaire written as text, one question per line, so a director's
 * secretary can write, copy and version it without a form builder:
 *
 *   # 服務 | Service                                   ← a section
 *   * scale courtesy 承辦人員的服務態度 | Courtesy      ← * = required
 *   single purpose 今天辦理的業務 | What you came for = 戶籍登記|Registration ; 身分證|ID card
 *   multi heard 如何得知本所服務 | How you heard of us = 網站|Website ; 親友|Friends
 *   text other 其他建議 | Other suggestions
 *
 * Types: scale (1–5), single, multi, text. Keys are short latin names that
 * keep answers comparable across versions. The respondent profile (gender,
 * age band, identity) is always asked last, optional, and needs no lines.
 */
export type QuestionType = 'scale' | 'single' | 'multi' | 'text';

export interface Question {
  key: string;
  type: QuestionType;
  required: boolean;
  zh: string;
  en: string;
  section: number;
  options: { value: string; zh: string; en: string }[];
}

export interface Questionnaire {
  sections: { zh: string; en: string }[];
  questions: Question[];
}

export interface DefinitionError {
  line: number;
  key: string;
}

const TYPES = new Set<QuestionType>(['scale', 'single', 'multi', 'text']);

function bilingual(s: string): { zh: string; en: string } {
  const [zh = '', en = ''] = s.split('|').map((x) => x.trim());
  return { zh, en: en || zh };
}

export function parseDefinition(text: string): { ok: true; value: Questionnaire } | { ok: false; errors: DefinitionError[] } {
  const sections: Questionnaire['sections'] = [];
  const questions: Question[] = [];
  const errors: DefinitionError[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#')) {
      const s = bilingual(line.slice(1));
      if (!s.zh) errors.push({ line: i + 1, key: 'surveys.def.section' });
      else sections.push(s);
      continue;
    }
    const m = /^(\*)?\s*(\w+)\s+([a-z][a-z0-9_]{0,19})\s+(.+)$/.exec(line);
    if (!m) {
      errors.push({ line: i + 1, key: 'surveys.def.line' });
      continue;
    }
    const [, star, type, key, rest = ''] = m;
    if (!TYPES.has(type as QuestionType)) {
      errors.push({ line: i + 1, key: 'surveys.def.type' });
      continue;
    }
    if (questions.some((q) => q.key === key) || ['gender', 'age', 'identity'].includes(key ?? '')) {
      errors.push({ line: i + 1, key: 'surveys.def.duplicate' });
      continue;
    }
    const [label = '', opts] = rest.split('=').map((x) => x.trim());
    const text2 = bilingual(label);
    if (!text2.zh) {
      errors.push({ line: i + 1, key: 'surveys.def.text' });
      continue;
    }
    const options = (opts ?? '')
      .split(/[;；]/)
      .map((o) => o.trim())
      .filter(Boolean)
      .map((o, j) => ({ value: String(j + 1), ...bilingual(o) }));
    const choice = type === 'single' || type === 'multi';
    if (choice && options.length < 2) {
      errors.push({ line: i + 1, key: 'surveys.def.options' });
      continue;
    }
    if (!choice && options.length > 0) {
      errors.push({ line: i + 1, key: 'surveys.def.noOptions' });
      continue;
    }
    questions.push({ key: key ?? '', type: type as QuestionType, required: Boolean(star), ...text2, section: Math.max(0, sections.length - 1), options });
  }
  if (sections.length === 0) sections.push({ zh: '', en: '' });
  if (questions.length === 0 && errors.length === 0) errors.push({ line: 1, key: 'surveys.def.empty' });
  return errors.length ? { ok: false, errors } : { ok: true, value: { sections, questions } };
}

/** The respondent profile, asked of everyone, answered by whoever wishes. */
export const PROFILE = {
  gender: ['female', 'male', 'other', 'none'],
  age: ['u20', '20s', '30s', '40s', '50s', '60_64', '65plus'],
  identity: ['general', 'indigenous', 'new_immigrant'],
} as const;
