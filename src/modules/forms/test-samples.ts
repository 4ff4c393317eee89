// Filled-in forms the tests post: valid ID numbers, ROC dates as people type them.
import type { FormCode } from './defs.js';

export const IDS = { applicant: 'A123456789', other: 'F131104093', female: 'A234567893' } as const;

const applicant = { applicantName: '王小明', applicantId: IDS.applicant, applicantBirth: '79/1/2', applicantAddress: '新竹縣竹北市光明六路10號', applicantPhone: '03-555-1234' };

export const SAMPLES: Record<FormCode, Record<string, string>> = {
  birth: { ...applicant, childName: '王小寶', childSex: 'F', childBirthDate: '115/11/20', childBirthPlace: '新竹縣竹北市', relation: 'father', fatherName: '王小明', fatherId: IDS.applicant, motherName: '林美麗', motherId: IDS.female },
  'move-in': { ...applicant, oldAddress: '臺北市大安區復興南路一段1號', newAddress: '新竹縣竹北市光明六路10號', moveDate: '115/11/1', headName: '王大同', headRelation: '子', movers: '' },
  marriage: {
    ...applicant,
    spouse1Name: '王小明',
    spouse1Id: IDS.applicant,
    spouse1Birth: '79/1/2',
    spouse2Name: '林美麗',
    spouse2Id: IDS.female,
    spouse2Birth: '80/3/4',
    marriageDate: '115/11/22',
    marriageAddress: '',
    witness1Name: '陳證人',
    witness1Id: '',
    witness2Name: '李證人',
    witness2Id: IDS.other,
  },
  'id-card': { ...applicant, cardReason: 'replacement', cardDetail: '遺失' },
  transcript: { ...applicant, transcriptType: 'partial', subjectName: '王大同', partialNames: '王小明', copies: '2', purpose: '辦理貸款', relation: 'household' },
};
