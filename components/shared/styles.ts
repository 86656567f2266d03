import { css } from 'lit';

/** Styles every part shares: box model, focus ring, visually hidden text. */
export const baseStyles = css`
  /*
   * The page's text styles stop here, even a global "* { … !important }" that matches the element
   * itself: its own important declarations win over the page's. Both languages read left to right.
   * Fonts come from --cobrand-font-family and --cobrand-font-size only.
   */
  :host {
    display: block; color: inherit;
    box-sizing: border-box !important; direction: ltr !important; writing-mode: horizontal-tb !important;
    font: 400 var(--cobrand-font-size, 14px) / 1.4 var(--cobrand-font-family, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif) !important;
    letter-spacing: normal !important; word-spacing: normal !important; text-transform: none !important;
    text-indent: 0 !important; text-align: start !important; text-shadow: none !important; white-space: normal !important;
  }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  :focus-visible { outline: 2px solid currentColor; outline-offset: -4px; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
  }
`;

/** The bar's top-level items and their drop-down menus. */
export const menuStyles = css`
  .menubar { display: flex; align-items: stretch; height: 100%; min-width: 0; }
  .menubar.measuring { visibility: hidden; }
  .item { position: relative; display: flex; flex: none; }
  .top {
    display: inline-flex; align-items: center; gap: 6px; padding: 0 8px;
    height: var(--cobrand-bar-height, 48px); border: 0; background: none; color: inherit;
    font: inherit; text-decoration: none; white-space: nowrap; cursor: pointer;
  }
  .top:hover, .top[aria-expanded='true'] { background: var(--cobrand-hover-background, rgb(128 128 128 / 0.2)); }
  .icon { width: 18px; height: 18px; flex: none; }
  .caret { border: 4px solid transparent; border-top-color: currentColor; border-bottom: 0; }
  .menu {
    position: absolute; top: 100%; left: 0; z-index: var(--cobrand-z-index, 1000);
    /* As wide as its longest entry, up to 320 px (where the bar places it, that stays on the screen); a longer entry wraps. */
    width: max-content; min-width: 180px; max-width: 320px; padding: 4px 0; border-radius: 4px;
    background: var(--cobrand-menu-background, #fff); color: var(--cobrand-menu-color, #1f2329);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.18);
    /* A long menu (up to 8 × 13 entries) scrolls within the screen below a bar at its top. */
    max-height: calc(100vh - var(--cobrand-bar-height, 48px) - 16px); overflow-y: auto; overscroll-behavior: contain;
  }
  .item.end .menu { left: auto; right: 0; }
  .entry {
    display: block; padding: 8px 16px; color: inherit; text-decoration: none; overflow-wrap: anywhere;
  }
  .entry:hover, .entry:focus-visible { background: var(--cobrand-menu-hover-background, #eef1f6); }
  .entry:focus-visible { outline: 2px solid var(--cobrand-focus-color, #0b3d91); outline-offset: -2px; }
  .group + .group, .entry + .group { border-top: 1px solid #e4e7ec; margin-top: 4px; padding-top: 4px; }
  .group + .entry { border-top: 1px solid #e4e7ec; margin-top: 4px; }
  .group-label { padding: 6px 16px 2px; font-size: 0.857em; color: #50555c; }
`;
