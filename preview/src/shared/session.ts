/**
 * The signed-in token, per tab. `npm start` prints links that carry it in the URL fragment
 * (never sent to a server); the fragment is cleared at once, and the token kept in
 * sessionStorage once the page takes it (a link for another partner is confirmed first). A tab
 * opened without a link is signed in as another open tab of this browser is (shareSignIn).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { Api, OfflineError, type Me } from './api.ts';
import type { LangController } from './i18n.ts';

const KEY = 'cobrand:token';
const LAST_PARTNER = 'cobrand:last-partner';

/** A token to sign in with: a sign-in link's (`#token=…`, taken out of the address), or the one this tab is signed in with. */
export interface TokenToTry {
  token: string;
  /** Opened from a link, which anyone could have sent: not yet this tab's until it is taken (`store`). */
  fromLink: boolean;
}

export function takeToken(): TokenToTry | null {
  const match = /(?:^#|&)token=([\w-]+)/.exec(location.hash);
  if (match) {
    history.replaceState(null, '', location.pathname + location.search);
    return { token: match[1]!, fromLink: true };
  }
  const stored = storedToken();
  return stored ? { token: stored, fromLink: false } : null;
}

/**
 * Signs in again when a sign-in link (`#token=…`) is opened in a page already open: such a
 * link changes only the fragment, which reloads nothing. Returns what stops listening.
 */
export function onTokenLink(signIn: (link: TokenToTry) => void): () => void {
  const listener = () => {
    if (!/(?:^#|&)token=/.test(location.hash)) return;
    const link = takeToken();
    if (link) signIn(link);
  };
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The tab's token (per tab, in sessionStorage), or none. */
export function store(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    /* private mode: signed in for this page only */
  }
}

function storedToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** The partner last signed in as in this browser, in any tab: a link for another one is confirmed first. */
export function lastPartner(): string | null {
  try {
    return localStorage.getItem(LAST_PARTNER);
  } catch {
    return null;
  }
}

export function rememberPartner(partnerId: string): void {
  try {
    localStorage.setItem(LAST_PARTNER, partnerId);
  } catch { /* asked again next time */ }
}

/** Where tabs of this browser ask one another for a sign-in. */
const SESSION_CHANNEL = 'cobrand:session';

/**
 * Answers a new tab of this browser (a bookmark, a copied address, "open in new tab") that asks
 * for a `role` sign-in with this tab's token, so that it is signed in too; tokens stay per tab
 * (sessionStorage) and never leave this browser. Returns what stops answering.
 */
export function shareSignIn(role: Me['role']): () => void {
  if (typeof BroadcastChannel !== 'function') return () => {};
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  channel.onmessage = (event: MessageEvent<{ ask?: unknown }>) => {
    const token = storedToken();
    if (event.data?.ask === role && token) channel.postMessage({ role, token });
  };
  return () => channel.close();
}

/** The token of a tab of this browser signed in as `role`, or null when none answers within `waitMs`. */
export function borrowSignIn(role: Me['role'], waitMs = 300): Promise<string | null> {
  if (typeof BroadcastChannel !== 'function') return Promise.resolve(null);
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(SESSION_CHANNEL);
    const finish = (token: string | null) => {
      clearTimeout(timer);
      channel.close();
      resolve(token);
    };
    const timer = setTimeout(() => finish(null), waitMs);
    channel.onmessage = (event: MessageEvent<{ role?: unknown; token?: unknown }>) => {
      if (event.data?.role === role && typeof event.data.token === 'string') finish(event.data.token);
    };
    channel.postMessage({ ask: role });
  });
}

export type SignIn = { api: Api; me: Me } | { error: string; offline: boolean };

/**
 * Checks `token` with the service as a `role` token. The caller keeps it (`store`) once it takes it;
 * one refused is forgotten if it was the tab's, and leaves the tab's own alone if it came from a link.
 */
export async function signIn(token: string, role: Me['role'], wrongRole: string): Promise<SignIn> {
  const api = new Api(token);
  try {
    const me = await api.me();
    if (me.role === role) return { api, me };
    forget(token);
    return { error: wrongRole, offline: false };
  } catch (error) {
    if (!(error instanceof OfflineError)) forget(token);
    return { error: (error as Error).message, offline: error instanceof OfflineError };
  }
}

function forget(token: string): void {
  if (storedToken() === token) store(null);
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
