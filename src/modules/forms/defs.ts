/**
 * The five application forms (申請書) citizens fill in most: which boxes each
 * one has, in the order of the paper form. The page, the zod schema, the
 * draft and the PDF are all made from these lists, so they never disagree.
 */

/** id: a national ID / resident certificate number (checksum; never stored). */
export type FieldKind = 'text' | 'id' | 'date' | 'birthDate' | 'phone' | 'choice' | 'count' | 'long';

export interface FieldDef {
  name: string;
  kind: FieldKind;
  /** optional on the print; an optional ID number is still checked when given */
  optional?: boolean;
  /** choice: option values, labelled by forms.opt.<name>.<value> */
  options?: readonly string[];
  max?: number;
}

export interface SectionDef {
  key: string;
  fields: FieldDef[];
}

export interface FormDef {
  code: FormCode;
  /** the service guide (src/modules/guides) this form belongs to */
  guide: string;
  sections: SectionDef[];
}

export const FORM_CODES = ['birth', 'move-in', 'marriage', 'id-card', 'transcript'] as const;
export type FormCode = (typeof FORM_CODES)[number];

export function isFormCode(v: unknown): v is FormCode {
  return typeof v === 'string' && (FORM_CODES as readonly string[]).includes(v);
}

const applicant: SectionDef = {
  key: 'applicant',
  fields: [
    { name: 'applicantName', kind: 'text', max: 60 },
    { name: 'applicantId', kind: 'id' },
    { name: 'applicantBirth', kind: 'birthDate' },
    { name: 'applicantAddress', kind: 'text', max: 200 },
    { name: 'applicantPhone', kind: 'phone' },
  ],
};

const person = (prefix: string, optional = false): FieldDef[] => [
  { name: `${prefix}Name`, kind: 'text', max: 60, optional },
  { name: `${prefix}Id`, kind: 'id', optional },
];

export const FORMS: Record<FormCode, FormDef> = {
  birth: {
    code: 'birth',
    guide: 'birth',
    sections: [
      applicant,
      {
        key: 'child',
        fields: [
          { name: 'childName', kind: 'text', max: 60 },
          { name: 'childSex', kind: 'choice', options: ['M', 'F'] },
          { name: 'childBirthDate', kind: 'birthDate' },
          { name: 'childBirthPlace', kind: 'text', max: 100 },
          { name: 'relation', kind: 'choice', options: ['father', 'mother', 'grandparent', 'household', 'agent'] },
        ],
      },
      { key: 'parents', fields: [...person('father', true), ...person('mother')] },
    ],
  },
  'move-in': {
    code: 'move-in',
    guide: 'move-in',
    sections: [
      applicant,
      {
        key: 'move',
        fields: [
          { name: 'oldAddress', kind: 'text', max: 200 },
          { name: 'newAddress', kind: 'text', max: 200 },
          { name: 'moveDate', kind: 'date' },
          { name: 'headName', kind: 'text', max: 60 },
          { name: 'headRelation', kind: 'text', max: 30 },
          { name: 'movers', kind: 'long', max: 300, optional: true },
        ],
      },
    ],
  },
  marriage: {
    code: 'marriage',
    guide: 'marriage',
    sections: [
      applicant,
      {
        key: 'spouses',
        fields: [
          ...person('spouse1'),
          { name: 'spouse1Birth', kind: 'birthDate' },
          ...person('spouse2'),
          { name: 'spouse2Birth', kind: 'birthDate' },
          { name: 'marriageDate', kind: 'date' },
          { name: 'marriageAddress', kind: 'text', max: 200, optional: true },
        ],
      },
      { key: 'witnesses', fields: [...person('witness1'), ...person('witness2')].map((f) => (f.kind === 'id' ? { ...f, optional: true } : f)) },
    ],
  },
  'id-card': {
    code: 'id-card',
    guide: 'id-card',
    sections: [
      applicant,
      {
        key: 'card',
        fields: [
          { name: 'cardReason', kind: 'choice', options: ['first', 'renewal', 'replacement'] },
          { name: 'cardDetail', kind: 'text', max: 100, optional: true },
        ],
      },
    ],
  },
  transcript: {
    code: 'transcript',
    guide: 'transcript',
    sections: [
      applicant,
      {
        key: 'transcript',
        fields: [
          { name: 'transcriptType', kind: 'choice', options: ['full', 'partial', 'removed'] },
          { name: 'subjectName', kind: 'text', max: 60 },
          { name: 'partialNames', kind: 'text', max: 200, optional: true },
          { name: 'copies', kind: 'count' },
          { name: 'purpose', kind: 'text', max: 100 },
          { name: 'relation', kind: 'choice', options: ['self', 'household', 'relative', 'agent', 'interested'] },
        ],
      },
    ],
  },
};

export function fieldsOf(def: FormDef): FieldDef[] {
  return def.sections.flatMap((s) => s.fields);
}

/** What a draft never keeps: every ID number, and the applicant's birth date (with an ID it identifies a person). */
export function isKeptInDraft(f: FieldDef): boolean {
  return f.kind !== 'id' && f.name !== 'applicantBirth';
}

/** The catalog key of a form's title (出生登記申請書 …). */
export const titleKey = (code: FormCode) => `forms.title.${code}`;
