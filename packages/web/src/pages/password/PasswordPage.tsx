import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * Change one's own password. A user given a one-time password by an administrator lands here
 * after log-in and can do nothing else until they have chosen their own.
 */
export default function PasswordPage() {
  const { t } = useI18n();
  const { me, refresh, logout } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    try {
      await api('auth/password', {
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      });
      await refresh();
      navigate('/', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const required = (field: string) => ({ required: true, message: t('form.required', { field }) });
  return (
    <main style={{ display: 'flex', justifyContent: 'center', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          {t('password.title')}
        </Typography.Title>
        {me?.mustChangePassword && (
          <Alert type="warning" showIcon title={t('password.oneTime')} style={{ marginBottom: 16 }} />
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          requiredMark={false}
          data-testid="password-form"
        >
          <Form.Item
            label={t('password.current')}
            name="currentPassword"
            rules={[required(t('password.current'))]}
          >
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('password.new')}
            name="newPassword"
            extra={t('password.rules')}
            rules={[required(t('password.new'))]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('password.confirm')}
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              required(t('password.confirm')),
              ({ getFieldValue }) => ({
                validator: (_rule, value) =>
                  !value || getFieldValue('newPassword') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {error !== null && <ProblemAlert error={error} />}
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('password.submit')}
          </Button>
          <Button
            type="link"
            block
            onClick={async () => {
              await logout();
              navigate('/login');
            }}
          >
            {t('nav.logout')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
