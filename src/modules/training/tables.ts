import type { Generated } from 'kysely';

/** Table types of this module, merged into the database's DB type (src/db/schema.ts). */
export interface TrainingTables {
  training_question: {
    id: Generated<number>;
    office_id: number | null;
    kind: string;
    topic: string;
    revision: number;
    active: Generated<number>;
    created_at: string;
    updated_at: string;
  };
  training_question_rev: {
    id: Generated<number>;
    question_id: number;
    revision: number;
    stem: string;
    options: string;
    correct: string;
    explanation: string;
    basis: string;
    ruling_id: number | null;
    saved_by: number | null;
    saved_at: string;
  };
  training_quiz: {
    id: Generated<number>;
    office_id: number | null;
    title: string;
    topics: string;
    question_count: number;
    time_limit_minutes: number;
    pass_percent: number;
    active: Generated<number>;
    created_by: number | null;
    created_at: string;
  };
  training_attempt: {
    id: Generated<number>;
    quiz_id: number;
    staff_id: number;
    office_id: number;
    status: string;
    started_at: string;
    deadline_at: string;
    submitted_at: string | null;
    late: Generated<number>;
    correct: number | null;
    total: number;
  };
  training_attempt_item: {
    attempt_id: number;
    position: number;
    question_id: number;
    rev_id: number;
    answer: string | null;
    correct_set: string;
    is_right: number | null;
  };
  training_record: {
    id: Generated<number>;
    staff_id: number;
    office_id: number;
    title: string;
    provider: string;
    mode: string;
    start_date: string;
    end_date: string;
    hours_centi: number;
    certificate_no: string | null;
    file_name: string | null;
    file_mime: string | null;
    file_size: number | null;
    file: Uint8Array | null;
    recorded_by: number | null;
    created_at: string;
  };
}
