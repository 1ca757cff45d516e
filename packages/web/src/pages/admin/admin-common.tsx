import { App, Card, type FormInstance, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiProblem } from '../../api/client.ts';
import { problemText } from '../../components/problem.tsx';
import { type Translate, useI18n } from '../../i18n/index.tsx';

/** Lists come as {items} or as a bare array. */
export function itemsOf<T>(answer: unknown): T[] {
  if (Array.isArray(answer)) return answer as T[];
  return ((answer as { items?: T[] } | undefined)?.items ?? []) as T[];
}

export function AdminCard({
  title,
  extra,
  children,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="cg-page">
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
            {title}
          </Typography.Title>
        }
        extra={extra}
      >
        {children}
      </Card>
    </div>
  );
}

/**
 * Show a server problem where the person looks: each field the server named under that form
 * field (`body.posts.0.regionCode` → `regionCode`, when the form has it), and the whole problem
 * as an alert message in the user's language.
 */
export function showProblem(
  t: Translate,
  message: { error(text: string): unknown },
  error: unknown,
  form?: FormInstance,
) {
  const { message: text, details } = problemText(t, error);
  message.error([text, ...details].join(' — '));
  if (!form || !(error instanceof ApiProblem)) return;
  const names = Object.keys(form.getFieldsValue(true) as Record<string, unknown>);
  const fields = error.errors
    .map((e) => ({ name: e.field.split('.').pop() ?? '', errors: [e.message] }))
    .filter((f) => names.includes(f.name));
  if (fields.length) form.setFields(fields);
}

/**
 * Saving an administration form: `busy` while the write runs; then "saved" and `done`, or the
 * server's problem shown on the form's fields (see showProblem).
 */
export function useSaving(form: FormInstance) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function save(write: () => Promise<unknown>, done: () => void) {
    setBusy(true);
    try {
      await write();
      message.success(t('common.saved'));
      done();
    } catch (e) {
      showProblem(t, message, e, form);
    } finally {
      setBusy(false);
    }
  }
  return { busy, save };
}
