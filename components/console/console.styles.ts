import { css } from 'lit';

export const consoleStyles = css`
  :host { position: relative; }
  .bar {
    display: flex; align-items: stretch; height: var(--cobrand-bar-height, 48px);
    background: var(--_bar-bg, var(--cobrand-bar-background, #252b3a));
    color: var(--_bar-fg, var(--cobrand-bar-color, #fff));
  }
  .spacer { flex: 1; min-width: 0; }
  /* Until the layout has measured every part, nothing that could overflow is painted, nor scrolls the page. */
  .unplanned { overflow: clip; }
  .unplanned > :not(cobrand-brand) { visibility: hidden; }
  .drawer-button {
    display: inline-flex; align-items: center; justify-content: center; width: 48px; flex: none;
    border: 0; background: none; color: inherit; cursor: pointer;
  }
  .drawer {
    margin: 0; padding: 0 0 16px; border: 0; width: min(320px, 88vw); height: 100%; max-height: 100%;
    background: var(--cobrand-menu-background, #fff); color: var(--cobrand-menu-color, #1f2329); overflow-y: auto;
  }
  .drawer::backdrop { background: rgb(0 0 0 / 0.45); }
  .drawer-head { display: flex; align-items: center; justify-content: space-between; padding: 8px 8px 8px 16px; border-bottom: 1px solid #e4e7ec; }
  .drawer-title { margin: 0; font-size: 1.14em; }
  .close { display: inline-flex; padding: 8px; border: 0; border-radius: 4px; background: none; color: inherit; cursor: pointer; }
  .drawer h3 { margin: 16px 16px 4px; font-size: 0.857em; font-weight: 600; color: #50555c; }
  .drawer ul { list-style: none; margin: 0; padding: 0; }
  .drawer ul ul { padding-left: 16px; }
  .drawer a, .drawer .group { display: block; padding: 10px 16px; color: inherit; text-decoration: none; }
  .drawer .group { font-weight: 600; }
  .drawer a:hover { background: var(--cobrand-menu-hover-background, #eef1f6); }
  .drawer :focus-visible { outline: 2px solid var(--cobrand-focus-color, #0b3d91); outline-offset: -2px; }
  .drawer-support { margin: 16px 16px 0; padding-top: 12px; border-top: 1px solid #e4e7ec; }
`;
