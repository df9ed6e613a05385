import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../engine/api.ts';
import { useAuth } from './auth.tsx';
import { LanguageSwitch } from './language-switch.tsx';

export default function LoginPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const nav = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Set when the server asks for the second factor (SEC-5): the code step replaces the password step.
  const [challenge, setChallenge] = useState<string>();
  if (auth.me) return <Navigate to={from} replace />;

  const submit = async (v: { username: string; password: string; code?: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      if (challenge) await auth.verify(challenge, v.code ?? '');
      else {
        const r = await auth.login(v.username, v.password);
        if (r.challenge) return setChallenge(r.challenge);
      }
      nav(from, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('error.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-wrap">
      <Card className="login-card" title={<span>{t('app.name')}</span>} extra={<LanguageSwitch />}>
        <Typography.Paragraph type="secondary">{t('login.welcome')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item hidden={!!challenge} name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item hidden={!!challenge} name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {challenge && (
            <Form.Item name="code" label={t('login.code')} rules={[{ required: true, message: t('login.codeRequired') }]}>
              <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={10} autoFocus />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
