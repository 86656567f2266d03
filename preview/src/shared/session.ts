/**
 * The signed-in token, per tab. `npm start` prints links that carry it in the URL fragment
 * (never sent to a server); it is moved into sessionStorage and the fragment is cleared.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { Api, OfflineError, type Me } from './api.ts';
import type { LangController } from './i18n.ts';

const KEY = 'cobrand:token';

export function takeToken(): string | null {
  const match = /(?:^#|&)token=([\w-]+)/.exec(location.hash);
  if (match) {
    store(match[1]!);
    history.replaceState(null, '', location.pathname + location.search);
  }
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/**
 * Signs in again when a sign-in link (`#token=…`) is opened in a page already open: such a
 * link changes only the fragment, which reloads nothing. Returns what stops listening.
 */
export function onTokenLink(signIn: (token: string) => void): () => void {
  const listener = () => {
    if (!/(?:^#|&)token=/.test(location.hash)) return;
    const token = takeToken();
    if (token) signIn(token);
  };
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function store(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    /* private mode: signed in for this page only */
  }
}

export type SignIn = { api: Api; me: Me } | { error: string; offline: boolean };

/** Checks `token` with the service: kept when it is a `role` token, forgotten otherwise. */
export async function signIn(token: string, role: Me['role'], wrongRole: string): Promise<SignIn> {
  const api = new Api(token);
  try {
    const me = await api.me();
    if (me.role === role) {
      store(token);
      return { api, me };
    }
    store(null);
    return { error: wrongRole, offline: false };
  } catch (error) {
    store(null);
    return { error: (error as Error).message, offline: error instanceof OfflineError };
  }
}

/** The token form both pages show when no one is signed in. */
export function signInForm(i18n: LangController, { intro, error, onToken }: { intro?: string; error: string; onToken: (token: string) => void }): TemplateResult {
  const { t } = i18n;
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const token = new FormData(event.target as HTMLFormElement).get('token');
    if (typeof token === 'string' && token.trim()) onToken(token.trim());
  };
  return html`<section class="card" style="margin:20px 20px 0;max-width:720px" aria-labelledby="sign-in-title">
    <h2 id="sign-in-title">${t('signIn')}</h2>
    ${intro ? html`<p class="hint">${intro}</p>` : nothing}
    <form @submit=${onSubmit} class="actions" style="align-items:end">
      <div class="field" style="flex:1;min-width:240px;margin:0"><label for="token">${t('tokenLabel')}</label>
        <input id="token" name="token" type="password" autocomplete="off" aria-describedby="token-hint ${error ? 'token-error' : ''}">
        <span class="hint" id="token-hint">${t('tokenHint')}</span></div>
      <button class="primary" type="submit">${t('signIn')}</button>
    </form>
    ${error ? html`<p class="error" id="token-error" role="alert">${error}</p>` : nothing}
  </section>`;
}
