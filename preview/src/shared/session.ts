/**
 * The signed-in token, per tab. `npm start` prints links that carry it in the URL fragment
 * (never sent to a server); it is moved into sessionStorage and the fragment is cleared.
 */
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

export function store(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    /* private mode: signed in for this page only */
  }
}
