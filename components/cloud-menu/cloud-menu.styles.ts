import { css } from 'lit';

/** How much of the user name a compact bar shows, in em, before the ellipsis. */
export const COMPACT_NAME_EM = 6;

export const cloudMenuStyles = css`
  :host { flex: none; }
  .account .label { max-width: 12em; overflow: hidden; text-overflow: ellipsis; }
  :host([compact]) .menubar:not(.measuring) .account .label { max-width: ${COMPACT_NAME_EM}em; }
  .more .caret { display: none; }
`;
