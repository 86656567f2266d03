import { css } from 'lit';

/** Share links and review comments, in the editor and the review console alike. */
export const collabStyles = css`
  cobrand-share-dialog, cobrand-comments-section { display: block; }
  cobrand-share-dialog { display: inline-block; }
  dialog.share-dialog { width: min(760px, calc(100vw - 24px)); max-height: calc(100vh - 48px); border: 1px solid #d0d5dd; border-radius: 8px; padding: 16px 20px; color: #101828; }
  dialog.share-dialog::backdrop { background: rgb(16 24 40 / 45%); }
  .share-form { display: flex; gap: 8px; align-items: end; flex-wrap: wrap; }
  .share-form .field { margin: 0; min-width: 160px; }
  .share-url { display: flex; gap: 8px; }
  .share-url input { flex: 1; font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
  .review-comment { border-left: 3px solid #b54708; background: #fffaeb; padding: 4px 8px; border-radius: 0 4px 4px 0; }
  .review-comment p { margin: 0 0 4px; overflow-wrap: anywhere; }
  .review-comment .text { white-space: pre-wrap; }
  .review-comment .by { color: #475467; font-size: 12px; white-space: normal; }
  .comment-list { list-style: none; margin: 0 0 8px; padding: 0; display: grid; gap: 8px; }
  .comment-list .where { font-weight: 600; color: #0b3d91; }
  .comment-list.resolved li { color: #344054; }
  .comment-list .resolve { display: flex; align-items: center; gap: 6px; font-weight: 400; }
  .badge.resolved { background: #d1fadf; color: #05603a; }
  .badge.open { background: #fef0c7; color: #7a2e0e; }
`;
