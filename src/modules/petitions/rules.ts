import type { OfficeCalendar, Pause } from '../../platform/calendar/index.js';

/** Where a petition came from: one case model for every channel. */
export const CHANNELS = ['web', 'director', 'onsite', 'phone', 'hotline1999', 'meeting', 'letter', 'survey', 'superior'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CATEGORIES = ['registration', 'id_card', 'service', 'facilities', 'online', 'law', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Reply limits by class (行政院人民陳情案件處理實施要點): simple 3, several units 5, complex up to 30 working days. */
export const CLASSES = ['simple', 'several', 'complex'] as const;
export type PetitionClass = (typeof CLASSES)[number];

/** 行政程序法 §173: grounds on which a petition may be left unanswered (it is still registered). */
export const DECLINE_GROUNDS = ['no_content', 'no_identity', 'repeated', 'multiple_agencies'] as const;
export type DeclineGround = (typeof DECLINE_GROUNDS)[number];

export const STATES = ['unconfirmed', 'expired', 'received', 'assigned', 'waiting', 'replied', 'closed', 'declined', 'transferred'] as const;
export type PetitionState = (typeof STATES)[number];
/** States in which the reply clock runs (or is paused, for waiting). */
export const OPEN: readonly PetitionState[] = ['received', 'assigned', 'waiting'];

/** Is the reply clock running (or paused) for a petition in this state? */
export function isOpen(status: string): boolean {
  return (OPEN as readonly string[]).includes(status);
}

/**
 * The reply due date: the limit in working days from the day the petition
 * counts, skipping days paused while waiting for the citizen (補陳). A pause
 * still open counts up to today, so the date shown is the earliest possible.
 */
export function dueDate(cal: OfficeCalendar, receivedOn: string, limitDays: number, pauses: Pause[]): string {
  return cal.addWorkingDaysWithPauses(receivedOn, limitDays, pauses);
}

/**
 * A petition handed down by a superior agency (上級機關交辦) is answered by the
 * earlier of the office's own limit and the date the superior set: the office
 * must report back before the superior's own deadline runs out.
 */
export function capBySuperior(officeDue: string, superiorDue: string | null | undefined): string {
  return superiorDue && superiorDue < officeDue ? superiorDue : officeDue;
}

/** An extension is stored as a longer limit, so later pauses still move the date. */
export function limitForDue(cal: OfficeCalendar, receivedOn: string, newDue: string, pauses: Pause[]): number {
  return cal.countWorkingDaysExcludingPauses(receivedOn, newDue, pauses);
}

/** Working days from received to replied, pauses not counted (for the figures). */
export function workingDaysTaken(cal: OfficeCalendar, receivedOn: string, repliedOn: string, pauses: Pause[]): number {
  return cal.countWorkingDaysExcludingPauses(receivedOn, repliedOn, pauses);
}
