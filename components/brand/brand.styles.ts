import { css } from 'lit';

export const brandStyles = css`
  :host { flex: none; }
  .brand { display: flex; align-items: center; gap: 12px; height: var(--cobrand-bar-height, 48px); padding: 0 12px; }
  a { color: inherit; text-decoration: none; display: inline-flex; align-items: center; gap: 8px; border-radius: 2px; }
  a:focus-visible { outline-offset: 2px; }
  .cloud-mark { width: 28px; height: 18px; }
  .cloud-name { font-weight: 600; white-space: nowrap; }
  :host([compact]) .brand { gap: 8px; padding: 0 8px 0 4px; }

  .divider { width: 1px; height: 20px; background: currentColor; opacity: 0.5; }
  /* width auto: the width and height attributes give the aspect ratio, not a size. */
  .logo { display: block; width: auto; height: var(--cobrand-logo-height, 28px); max-width: 160px; object-fit: contain; }
  .logo-text { font-weight: 600; white-space: nowrap; max-width: 160px; overflow: hidden; text-overflow: ellipsis; }
`;
