import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { errorText } from '../engine/api-error.ts';
import { useAuth } from './auth.tsx';
import { switchLocale } from './i18n.ts';

/**
 * Sign-in, then the second factor when the server asks for it (SEC-5). Plain HTML and CSS on purpose:
 * the first screen must load little JavaScript (antd arrives with the shell).
 */
export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const nav = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [challenge, setChallenge] = useState<string>();
  if (auth.me) return <Navigate to={from} replace />;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const value = (k: string) => String(form.get(k) ?? '').trim();
    if (!challenge && (!value('username') || !value('password')))
      return setError(t(value('username') ? 'login.passwordRequired' : 'login.usernameRequired'));
    if (challenge && !value('code')) return setError(t('login.codeRequired'));
    setBusy(true);
    setError(undefined);
    try {
      if (challenge) await auth.verify(challenge, value('code'));
      else {
        const r = await auth.login(value('username'), String(form.get('password')));
        if (r.challenge) return setChallenge(r.challenge);
      }
      nav(from, { replace: true });
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const lang = (l: 'zh-CN' | 'en-US', text: string) => (
    <button
      type="button"
      aria-pressed={i18n.language === l}
      onClick={() => void switchLocale(l)}
      data-testid={`login-lang-${l}`}
    >
      {text}
    </button>
  );
  return (
    <div className="login-wrap">
      <form className="login-card" onSubmit={submit} noValidate>
        <div className="login-head">
          <h1>{t('app.name')}</h1>
          <span className="login-langs">
            {lang('zh-CN', '中文')}
            {lang('en-US', 'English')}
          </span>
        </div>
        <p className="login-hint">{t('login.welcome')}</p>
        {error && (
          <div className="login-error" role="alert">
            {error}
          </div>
        )}
        <div hidden={!!challenge}>
          <label className="login-field">
            <span>{t('login.username')}</span>
            <input name="username" autoComplete="username" disabled={busy} />
          </label>
          <label className="login-field">
            <span>{t('login.password')}</span>
            <input name="password" type="password" autoComplete="current-password" disabled={busy} />
          </label>
        </div>
        {challenge && (
          <label className="login-field">
            <span>{t('login.code')}</span>
            <input name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={10} disabled={busy} />
          </label>
        )}
        <button className="login-submit" type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </div>
  );
}
