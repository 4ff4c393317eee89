import type { Role } from '../../../platform/auth/roles.js';
import type { OfficeInfo, ViewContext } from '../../../platform/http/context.js';
import { Button, CsrfField, ErrorSummary, type FormState, SelectField, TextField } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficeField, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';

export interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  office_name_zh: string | null;
  office_name_en: string | null;
  active: number;
  locked: boolean;
}

export function AccountFields({
  ctx,
  state,
  roles,
  offices,
  isNew,
}: {
  ctx: ViewContext;
  state: FormState | undefined;
  roles: Role[];
  offices: OfficeInfo[];
  isNew: boolean;
}) {
  const { t } = ctx;
  return (
    <>
      {isNew ? (
        <TextField ctx={ctx} state={state} name="username" label={t('users.username')} hint={t('err.username')} width="medium" autocomplete="off" maxLength={40} />
      ) : null}
      <TextField ctx={ctx} state={state} name="displayName" label={t('users.displayName')} width="medium" maxLength={60} />
      <TextField ctx={ctx} state={state} name="email" type="email" label={t('users.email')} required={false} width="medium" maxLength={254} />
      <SelectField ctx={ctx} state={state} name="role" label={t('users.role')} options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      <SelectField
        ctx={ctx}
        state={state}
        name="officeId"
        label={t('users.office')}
        required={false}
        placeholder={t('users.countyWide')}
        options={offices.map((o) => ({ value: String(o.id), label: o.name }))}
      />
      {isNew ? (
        <TextField
          ctx={ctx}
          state={state}
          name="password"
          type="password"
          label={t('users.password')}
          hint={t('users.passwordHint')}
          autocomplete="new-password"
          width="medium"
        />
      ) : null}
    </>
  );
}

export function UsersPage({
  ctx,
  rows,
  roles,
  offices,
  state,
  choice,
}: {
  ctx: ViewContext;
  rows: AccountRow[];
  roles: Role[];
  offices: OfficeInfo[];
  state?: FormState | undefined;
  choice: OfficeChoice;
}) {
  const { t } = ctx;
  const shown = choice.offices.find((o) => o.value === choice.officeCode)?.label;
  return (
    <Shell ctx={ctx} title={t('users.title')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('users.title') }]}>
      <h1>{shown ? `${t('users.title')}：${shown}` : t('users.title')}</h1>
      <OfficePicker ctx={ctx} action="/staff/users" choice={choice} />
      <Table
        ctx={ctx}
        caption={t('users.title')}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('users.username'), cell: (r) => <a href={`/staff/users/${r.id}`}>{r.username}</a> },
          { header: t('users.displayName'), cell: (r) => r.display_name },
          { header: t('users.role'), cell: (r) => t(`role.${r.role}`) },
          { header: t('users.office'), cell: (r) => (ctx.locale === 'en' ? r.office_name_en : r.office_name_zh) ?? t('users.countyWide') },
          {
            header: t('users.status'),
            cell: (r) => (
              <>
                {r.active ? t('users.active') : t('users.inactive')}
                {r.locked ? <strong class="tag tag-warning"> {t('users.locked')}</strong> : null}
              </>
            ),
          },
        ]}
      />
      <section aria-labelledby="add-title" class="narrow">
        <h2 id="add-title">{t('users.add')}</h2>
        <ErrorSummary ctx={ctx} state={state} />
        <form method="post" action="/staff/users" class="form" novalidate>
          <CsrfField ctx={ctx} />
          {choice.officeCode ? <OfficeField choice={choice} /> : null}
          <AccountFields ctx={ctx} state={state} roles={roles} offices={offices} isNew />
          <Button>{t('users.add')}</Button>
        </form>
      </section>
    </Shell>
  );
}

export function UserEditPage({
  ctx,
  account,
  roles,
  offices,
  state,
  passwordState,
}: {
  ctx: ViewContext;
  account: { id: number; username: string; locked: boolean };
  roles: Role[];
  offices: OfficeInfo[];
  state: FormState;
  passwordState?: FormState | undefined;
}) {
  const { t } = ctx;
  return (
    <Shell
      ctx={ctx}
      title={account.username}
      variant="staff"
      crumbs={[{ href: '/staff', label: t('staff.title') }, { href: '/staff/users', label: t('users.title') }, { label: account.username }]}
    >
      <div class="narrow">
        <h1>{account.username}</h1>
        <ErrorSummary ctx={ctx} state={state.errors.length > 0 ? state : passwordState} />
        <form method="post" action={`/staff/users/${account.id}`} class="form" novalidate>
          <CsrfField ctx={ctx} />
          <AccountFields ctx={ctx} state={state} roles={roles} offices={offices} isNew={false} />
          <div class="field">
            <label class="checkbox">
              <input type="checkbox" name="active" value="1" checked={state.values.active === '1'} /> {t('users.active')}
            </label>
          </div>
          <Button>{t('users.save')}</Button>
        </form>
        <h2>{t('users.resetPassword')}</h2>
        <form method="post" action={`/staff/users/${account.id}/password`} class="form" novalidate>
          <CsrfField ctx={ctx} />
          <TextField
            ctx={ctx}
            state={passwordState}
            name="password"
            type="password"
            label={t('users.password')}
            hint={t('users.passwordHint')}
            autocomplete="new-password"
            width="medium"
          />
          <Button variant="secondary">{t('users.resetPassword')}</Button>
        </form>
        {account.locked ? (
          <form method="post" action={`/staff/users/${account.id}/unlock`} class="form">
            <CsrfField ctx={ctx} />
            <Button variant="warning">{t('users.unlock')}</Button>
          </form>
        ) : null}
      </div>
    </Shell>
  );
}
