import { css } from 'lit';

/** The app's look: plain, dense enough for work, readable (every colour pair reaches WCAG AA). */
export const appStyles = css`
  :host { display: block; color: #101828; font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif; }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  h1 { font-size: 18px; margin: 0; }
  h2 { font-size: 16px; margin: 0 0 12px; }
  h3 { font-size: 14px; margin: 16px 0 8px; }
  header.top {
    display: flex; align-items: center; gap: 12px; flex-wrap: wrap; padding: 10px 20px;
    background: #fff; border-bottom: 1px solid #e4e7ec; position: sticky; top: 0; z-index: 10;
  }
  header.top .spacer { flex: 1; }
  button, .button {
    font: inherit; padding: 6px 12px; border: 1px solid #98a2b3; border-radius: 6px; background: #fff; color: #101828;
    cursor: pointer; text-decoration: none; display: inline-flex; align-items: center; gap: 6px; min-height: 32px;
  }
  button:hover { background: #f2f4f7; }
  button.primary { background: #0b3d91; border-color: #0b3d91; color: #fff; }
  button.primary:hover { background: #082f70; }
  button.danger { border-color: #b42318; color: #b42318; }
  button:disabled, button[aria-disabled='true'] { opacity: 0.55; cursor: not-allowed; }
  button.icon { padding: 4px 8px; min-height: 28px; }
  :focus-visible { outline: 2px solid #0b3d91; outline-offset: 2px; }
  input, select, textarea {
    font: inherit; padding: 6px 8px; border: 1px solid #98a2b3; border-radius: 6px; background: #fff; color: #101828; width: 100%;
  }
  .as-of { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; }
  .as-of label { font-weight: 600; flex-basis: 100%; }
  .as-of input { width: auto; max-width: 100%; }
  .as-of .moments { display: flex; flex-wrap: wrap; gap: 6px; }
  .as-of .hint { flex-basis: 100%; }
  .as-of button[aria-pressed='true'] { background: #0b3d91; color: #fff; border-color: #0b3d91; }
  input[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: #b42318; box-shadow: 0 0 0 1px #b42318; }
  input[type='checkbox'] { width: auto; }
  input[type='color'] { width: 48px; height: 34px; padding: 2px; }
  label { display: block; font-weight: 500; color: #344054; }
  .field { display: grid; gap: 4px; margin-bottom: 12px; align-content: start; }
  .hint { color: #475467; font-size: 13px; font-weight: 400; }
  .error { color: #b42318; font-size: 13px; margin: 0; }
  .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(180px, 100%), 1fr)); gap: 0 12px; }
  .card { background: #fff; border: 1px solid #e4e7ec; border-radius: 8px; padding: 16px; margin-bottom: 16px; }
  .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; background: #f2f4f7; color: #344054; }
  .badge.pending { background: #fef0c7; color: #7a2e0e; }
  .badge.approved { background: #d1fadf; color: #05603a; }
  .badge.rejected, .badge.overdue { background: #fee4e2; color: #912018; }
  .badge.withdrawn { background: #f2f4f7; color: #344054; }
  .notice { padding: 10px 12px; border-radius: 6px; background: #eff8ff; color: #1849a9; border: 1px solid #b2ddff; margin-bottom: 12px; }
  .notice.warn { background: #fffaeb; color: #7a2e0e; border-color: #fedf89; }
  .notice.bad { background: #fef3f2; color: #912018; border-color: #fecdca; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e4e7ec; vertical-align: top; }
  th { color: #475467; font-weight: 600; font-size: 13px; }
  code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; }
  /* Narrow screens: a table's rows become cards, each cell named by its column (data-label). */
  @media (max-width: 600px) {
    table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
    table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    /* Its headers stay for screen readers, stacked inside that one pixel: laid out in a row they reach past a phone's edge. */
    table.stack th { display: block; }
    table.stack tr { border-bottom: 1px solid #e4e7ec; padding: 6px 0; }
    table.stack td { border: 0; padding: 2px 0; }
    table.stack td[data-label]::before { content: attr(data-label) ': '; color: #475467; font-weight: 600; }
  }
  .widths { display: inline-flex; flex-wrap: wrap; gap: 4px; }
  .widths button[aria-pressed='true'] { background: #0b3d91; color: #fff; border-color: #0b3d91; }
`;
