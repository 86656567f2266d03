import { css } from 'lit';

/** Styles every part shares: box model, focus ring, visually hidden text. */
export const baseStyles = css`
  :host { display: block; box-sizing: border-box; font: inherit; color: inherit; }
  *, *::before, *::after { box-sizing: inherit; }
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
    min-width: 180px; max-width: 320px; padding: 4px 0; border-radius: 4px;
    background: var(--cobrand-menu-background, #fff); color: var(--cobrand-menu-color, #1f2329);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.18);
    /* A long menu (up to 8 × 13 entries) scrolls within the screen below a bar at its top. */
    max-height: calc(100vh - var(--cobrand-bar-height, 48px) - 16px); overflow-y: auto; overscroll-behavior: contain;
  }
  .item.end .menu { left: auto; right: 0; }
  .entry {
    display: block; padding: 8px 16px; color: inherit; text-decoration: none;
    white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  }
  .entry:hover, .entry:focus-visible { background: var(--cobrand-menu-hover-background, #eef1f6); }
  .entry:focus-visible { outline: 2px solid var(--cobrand-focus-color, #0b3d91); outline-offset: -2px; }
  .group + .group, .entry + .group { border-top: 1px solid #e4e7ec; margin-top: 4px; padding-top: 4px; }
  .group + .entry { border-top: 1px solid #e4e7ec; margin-top: 4px; }
  .group-label { padding: 6px 16px 2px; font-size: 0.857em; color: #50555c; }
`;
