import { css } from 'lit';
import { collabStyles } from '../shared/collab.styles.ts';
import { appStyles } from '../shared/styles.ts';

/** The review console's look, shared by its parts (they render into the console's shadow tree). */
export const reviewStyles = [appStyles, collabStyles, css`
  cobrand-review-queue, cobrand-submission-view, cobrand-diff-view, cobrand-partner-directory, cobrand-partner-view, cobrand-partner-history, cobrand-deliveries-panel { display: block; }
  .scheduled-line > p { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 0 0 8px; }
  .actual-size[aria-pressed='true'] { background: #0b3d91; color: #fff; border-color: #0b3d91; }
  .cancel-schedule summary { cursor: pointer; color: #b42318; }
  .cancel-schedule form { margin-top: 8px; max-width: 640px; }
  .schedule-form { display: flex; gap: 8px; align-items: end; flex-wrap: wrap; }
  .schedule-form label { display: grid; gap: 4px; }
  table.deliveries-table td.target { overflow-wrap: anywhere; }
  .deliveries .meta { font-size: 12px; color: #475467; }
  .side { display: grid; gap: 16px; align-content: start; }
  .side .card { margin: 0; }
  .directory .search { display: block; font-weight: 600; margin-bottom: 4px; }
  .directory input[type='search'] { width: 100%; box-sizing: border-box; }
  .directory #directory-count { margin: 6px 0 8px; }
  .directory .more { margin-top: 8px; justify-items: center; }
  .rollback-preview { border: 1px solid #fedf89; background: #fffaeb; border-radius: 8px; padding: 12px 16px; margin: 12px 0 16px; }
  .rollback-preview .compare { margin-bottom: 8px; }
  table.audit td.when, table.audit td:nth-child(2), table.audit th { white-space: nowrap; }
  h4 { font-size: 14px; margin: 12px 0 6px; }
    main { display: grid; grid-template-columns: 300px minmax(0, 1fr); gap: 20px; padding: 20px; max-width: 1800px; margin: 0 auto; }
    @media (max-width: 900px) { main { grid-template-columns: minmax(0, 1fr); padding: 12px; } }
    .queue ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
    .queue button { width: 100%; display: grid; gap: 2px; text-align: left; justify-items: start; padding: 8px 10px; }
    .queue button[aria-current='true'] { border-color: #0b3d91; box-shadow: inset 3px 0 0 #0b3d91; background: #f5f8ff; }
    .queue .meta { font-size: 12px; color: #475467; }
    .compare { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
    @media (max-width: 1200px) { .compare { grid-template-columns: minmax(0, 1fr); } }
    .compare h3 { margin-top: 0; }
    .compare cobrand-preview-frame { margin-bottom: 8px; }
    .op { font-weight: 600; }
    .op.added { color: #05603a; } .op.removed { color: #912018; } .op.changed { color: #7a2e0e; }
    .decision { display: grid; gap: 8px; max-width: 640px; }
    textarea { min-height: 72px; }
    .versions li { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 6px; }
    .versions ol { padding-left: 20px; }
    .hosts li code { font-size: 13px; }
    .actions { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
    .logo-value { display: inline-grid; gap: 4px; justify-items: start; }
  /* Logos are made for the bar: shown on a dark tile, as most bars are. */
  .logo-value img { max-height: 32px; max-width: 180px; background: #252b3a; padding: 4px 6px; border-radius: 4px; }
  ul.fields { margin: 2px 0 0; padding-left: 18px; }
  table.diff td:first-child { overflow-wrap: anywhere; }
`];
