import { TranslationOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiProblem, api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { ProblemAlert } from '../../components/problem.tsx';
import { SimpleList } from '../../components/SimpleList.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type DemoList, normaliseDemoUsers } from './demo-users.ts';
import { lockSeconds } from './login-problem.ts';

export default function LoginPage() {
  const { t, tv, lang, setLang } = useI18n();
  const { me, ready, login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<DemoList | null>(null);

  useEffect(() => {
    // Only in demo mode does the server answer; otherwise the list simply isn't shown.
    api<unknown>('auth/demo-users')
      .then((answer) => setDemo(normaliseDemoUsers(answer)))
      .catch(() => setDemo(null));
  }, []);

  const next = params.get('next') || '/';
  if (ready && me) return <Navigate to={next.startsWith('/') ? next : '/'} replace />;

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      await login(values.username, values.password);
      navigate(next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(135deg, #1f4e8c 0%, #2f6fb8 100%)',
      }}
    >
      <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 420 }}>
        <Card>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Button
              icon={<TranslationOutlined />}
              aria-label={t('lang.label')}
              data-testid="lang-switch"
              onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
            >
              {t('lang.switch')}
            </Button>
          </Space>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('login.title')}
          </Typography.Title>
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, message: t('form.required', { field: t('login.username') }) }]}
            >
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('form.required', { field: t('login.password') }) }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            {error ? (
              <div style={{ marginBottom: 16 }}>
                <LoginProblem error={error} />
              </div>
            ) : null}
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        {demo ? (
          <Card title={t('login.demoUsers')} size="small" data-testid="demo-users">
            <Typography.Paragraph type="secondary">
              {t('login.demoHint', { password: demo.password })}
            </Typography.Paragraph>
            <SimpleList
              items={demo.users}
              rowKey={(u) => u.username}
              render={(u) => (
                <>
                  <Button
                    type="link"
                    style={{ padding: 0 }}
                    onClick={() => form.setFieldsValue({ username: u.username, password: demo.password })}
                  >
                    {u.username}
                  </Button>
                  <span>
                    {u.displayName ? `${u.displayName} ` : ''}
                    {u.roles.map((r) => (
                      <Tag key={r}>{tv('role', r)}</Tag>
                    ))}
                  </span>
                </>
              )}
            />
          </Card>
        ) : null}
      </Space>
    </main>
  );
}

/**
 * A failed log-in in the user's language: the server's problem (401 wrong name or password, 429
 * locked for some seconds) mapped to a sentence of ours; anything else as every problem is shown.
 */
function LoginProblem({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!(error instanceof ApiProblem) || (error.status !== 401 && error.status !== 429))
    return <ProblemAlert error={error} />;
  const seconds = error.status === 429 ? lockSeconds(error.detail) : null;
  const text =
    error.status === 401
      ? t('login.wrong')
      : seconds !== null
        ? t('login.locked', { seconds })
        : t('login.lockedLater');
  return <Alert type="error" showIcon role="alert" title={text} data-testid="login-problem" />;
}
