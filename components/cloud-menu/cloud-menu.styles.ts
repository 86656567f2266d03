import { css } from 'lit';

export const cloudMenuStyles = css`
  :host { flex: none; }
  .account .label { max-width: 12em; overflow: hidden; text-overflow: ellipsis; }
`;
