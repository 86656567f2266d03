import { css } from 'lit';

export const promoMenuStyles = css`
  :host { min-width: 0; }
  :host([empty]) { display: none; }
  .menubar { overflow: visible; }
`;
