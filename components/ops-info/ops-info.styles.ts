import { css } from 'lit';

export const opsInfoStyles = css`
  :host { flex: none; }
  :host([empty]) { display: none; }
  .contact { position: relative; height: 100%; }
  .button {
    display: inline-flex; align-items: center; gap: 6px; height: var(--cobrand-bar-height, 48px); padding: 0 12px;
    border: 0; background: none; color: inherit; font: inherit; cursor: pointer; white-space: nowrap;
  }
  .button:hover, .button[aria-expanded='true'] { background: var(--cobrand-hover-background, rgb(128 128 128 / 0.2)); }
  .icon { width: 18px; height: 18px; flex: none; }
  .popover {
    position: absolute; top: 100%; right: 0; z-index: var(--cobrand-z-index, 1000); min-width: 240px; padding: 12px 16px;
    /* As wide as its longest line (its button alone is narrow), within the screen. */
    width: max-content; max-width: min(400px, calc(100vw - 16px)); box-sizing: border-box;
    border-radius: 4px; background: var(--cobrand-menu-background, #fff); color: var(--cobrand-menu-color, #1f2329);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.18);
  }
  .details { display: grid; grid-template-columns: auto 1fr; gap: 6px 16px; margin: 0; }
  dt { color: #50555c; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .details a, .announcement a { color: var(--cobrand-link-color, #0b3d91); }
  :host([view='details']) .details a { color: inherit; }
  :host([view='details']) dt { color: inherit; opacity: 1; }
  a:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
  .announcement {
    display: flex; align-items: center; gap: 12px; padding: 8px 8px 8px 16px; color: #1f2329;
    background: var(--cobrand-announcement-background, #e8f1fd); border-left: 4px solid #1d6fdc;
  }
  .announcement.warning { background: var(--cobrand-announcement-background, #fff4e0); border-left-color: #b35900; }
  .announcement.critical { background: var(--cobrand-announcement-background, #fdecea); border-left-color: #c7000b; }
  /* A link or a long run in the text wraps anywhere rather than run under Details and × (and widen the page). */
  .announcement-text { flex: 1; min-width: 0; overflow-wrap: anywhere; }
  .dismiss {
    display: inline-flex; padding: 6px; border: 0; border-radius: 4px; background: none; color: inherit; cursor: pointer;
  }
  .dismiss:hover { background: rgb(0 0 0 / 0.08); }
  .dismiss:focus-visible { outline: 2px solid currentColor; outline-offset: 0; }
`;
