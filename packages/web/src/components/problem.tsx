import { Alert, Button, Empty, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { ApiProblem } from '../api/client.ts';
import { hasKey, type Translate, useI18n } from '../i18n/index.tsx';

/** A problem in the user's language: the status's sentence, then the fields the server named. */
export function problemText(t: Translate, error: unknown): { message: string; details: string[] } {
  if (error instanceof ApiProblem) {
    const key = `problem.${error.status}`;
    const message = hasKey(key) ? t(key) : error.status >= 500 ? t('problem.500') : t('common.error');
    const details = error.errors.length
      ? error.errors.map((e) => `${t('problem.field')} ${e.field}: ${e.message}`)
      : error.detail
        ? [`${t('problem.serverSaid')}: ${error.detail}`]
        : [];
    return { message, details };
  }
  return { message: t('common.error'), details: [error instanceof Error ? error.message : String(error)] };
}

export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const { message, details } = problemText(t, error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={message}
      description={details.length ? details.map((d) => <div key={d}>{d}</div>) : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
      <div style={{ marginTop: 8, color: '#888' }}>{label ?? t('common.loading')}</div>
    </div>
  );
}

export function EmptyState({ description }: { description?: ReactNode }) {
  const { t } = useI18n();
  return <Empty description={description ?? t('common.empty')} />;
}

/** Loading → error → empty → content, the same on every page. */
export function AsyncView<T>({
  state,
  isEmpty,
  empty,
  children,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean; reload(): void };
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (state.error) return <ProblemAlert error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  if (isEmpty?.(state.data)) return <>{empty ?? <EmptyState />}</>;
  return <>{children(state.data)}</>;
}

export function NotFoundPage() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('notFound.title')} />;
}
