import type { ViewContext } from '../http/context.js';
import { Button, SelectField } from './forms.js';

/**
 * Which office a per-office staff page is about. County and system admins
 * cover several offices and switch with ?office=<code>; the choice rides along
 * on every form of the page (OfficeField) so a save lands in the office shown.
 * A plain GET form: works without JavaScript.
 */
export interface OfficeChoice {
  officeCode: string;
  offices: { value: string; label: string }[];
  /** lists: the first option is "every office" (officeCode '') */
  all?: boolean;
}

/** The picker; someone who covers one office (a director) has nothing to switch to and is told which office it is. */
export function OfficePicker({ ctx, action, choice, keep }: { ctx: ViewContext; action: string; choice: OfficeChoice; keep?: Record<string, string> }) {
  if (choice.offices.length < 2) {
    const only = choice.offices[0];
    return only ? (
      <p class="muted">
        {ctx.t('officePicker.label')}
        {ctx.locale === 'en' ? ': ' : '：'}
        {only.label}
      </p>
    ) : null;
  }
  const options = choice.all ? [{ value: '', label: ctx.t('officePicker.all') }, ...choice.offices] : choice.offices;
  return (
    <form method="get" action={action} class="filter-bar">
      {Object.entries(keep ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SelectField
        ctx={ctx}
        state={{ values: { office: choice.officeCode }, errors: [] }}
        name="office"
        label={ctx.t('officePicker.label')}
        required={!choice.all}
        options={options}
      />
      <Button variant="secondary">{ctx.t('officePicker.show')}</Button>
    </form>
  );
}

/** The office a POST form saves to: the one the page shows. */
export const OfficeField = ({ choice }: { choice: OfficeChoice }) => <input type="hidden" name="office" value={choice.officeCode} />;

/** The picker's data from the offices someone covers and the one shown. */
export const officeChoice = (offices: { code: string; name: string }[], officeCode: string, all = false): OfficeChoice => ({
  officeCode,
  offices: offices.map((o) => ({ value: o.code, label: o.name })),
  all,
});
