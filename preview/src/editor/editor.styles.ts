import { css } from 'lit';
import { collabStyles } from '../shared/collab.styles.ts';
import { appStyles } from '../shared/styles.ts';

/** The editor's look, shared by its sections (they render into the editor's shadow tree). */
export const editorStyles = [appStyles, collabStyles, css`
  cobrand-brand-section, cobrand-promotion-section, cobrand-cloud-menu-section, cobrand-operations-section, cobrand-json-section, cobrand-history-section, cobrand-status-banner, cobrand-summary-section { display: block; }
  .status-banner p { margin: 0 0 6px; }
  .status-banner.warn { border-color: #fedf89; background: #fffaeb; }
  .status-banner.bad { border-color: #fecdca; background: #fef3f2; }
  .status-banner blockquote { margin: 4px 0 8px; padding: 6px 10px; border-left: 3px solid #b42318; background: #fff; white-space: pre-wrap; overflow-wrap: anywhere; }
    main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; padding: 20px; max-width: 1800px; margin: 0 auto; }
    @media (max-width: 1100px) { main { grid-template-columns: minmax(0, 1fr); } }
    main[aria-busy='true'] { opacity: 0.55; }
    .load-error, .confirm-link { margin: 20px 20px 0; max-width: 720px; }
    .load-error p, .confirm-link p { margin: 0 0 8px; }
    .confirm-link h2 { font-size: 1rem; margin: 0 0 6px; }
    .confirm-link h2:focus { outline: none; }
    @media (max-width: 600px) { main { padding: 12px; } header.top { padding: 8px 12px; } }
    .clashes { margin: 0 0 8px; padding-left: 18px; overflow-wrap: anywhere; }
    .preview { position: sticky; top: 64px; align-self: start; display: grid; gap: 12px; }
    /* The partner's situation heads the page at every width; on narrow screens the preview comes next, then the form. */
    cobrand-status-banner { grid-column: 1 / -1; grid-row: 1; }
    cobrand-status-banner .card { margin: 0; }
    cobrand-status-banner:empty { display: none; }
    /* One column: the form, then the preview, in the order of the page (and of Tab); the parts' links lead to the preview. */
    @media (max-width: 1100px) { .preview { position: static; } }
    @media (min-width: 1101px) { .parts .to-preview { display: none; } }
    .save { font-size: 13px; color: #475467; }
    .save.conflict, .save.error { color: #b42318; font-weight: 600; }
    .entry-list { list-style: none; margin: 0 0 8px; padding: 0; display: grid; gap: 8px; }
    .entry { border: 1px solid #d0d5dd; border-radius: 6px; padding: 8px 12px; background: #fcfcfd; }
    .entry-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 6px; }
    .entry-tools { display: inline-flex; gap: 4px; }
    fieldset { border: 1px solid #e4e7ec; border-radius: 6px; margin: 8px 0 0; padding: 8px 12px; }
    legend { font-weight: 600; color: #344054; padding: 0 4px; }
    .checkbox label { display: flex; align-items: center; gap: 6px; font-weight: 400; margin-top: 26px; }
    .catalog { display: flex; flex-wrap: wrap; gap: 4px 16px; margin-bottom: 8px; }
    .catalog label { display: inline-flex; align-items: center; gap: 6px; font-weight: 400; }
    .logo-row { display: grid; grid-template-columns: 140px minmax(0, 1fr); gap: 12px; align-items: start; }
    /* A file input is hidden behind its label, which shows the input's focus. */
    input.file:focus-visible + label { outline: 2px solid #0b3d91; outline-offset: 2px; }
    @media (max-width: 600px) { .logo-row { grid-template-columns: minmax(0, 1fr); } }
    .thumb { width: 140px; height: 48px; border: 1px dashed #98a2b3; border-radius: 6px; display: grid; place-items: center; overflow: hidden; background: var(--thumb-bg, #0b3d91); }
    .thumb img { max-width: 132px; max-height: 40px; }
    .colour { display: flex; gap: 8px; align-items: center; }
    .colour input[type=text] { max-width: 120px; }
    .readout { display: flex; align-items: center; gap: 8px; margin-top: 6px; }
    .swatch { padding: 2px 10px; border-radius: 4px; font-weight: 600; }
    .summary ul { margin: 6px 0 0; padding-left: 20px; }
    .summary a { color: #912018; }
    textarea.json { min-height: 360px; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
    nav.parts { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 12px; }
    nav.parts a { color: #0b3d91; }
    .actions { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
    .field-foot { display: flex; justify-content: space-between; gap: 8px; }
  .field-foot:empty { display: none; }
  .counter { color: #475467; font-size: 12px; margin-left: auto; font-variant-numeric: tabular-nums; }
  .counter.full { color: #7a2e0e; font-weight: 600; }
  .clipped { color: #7a2e0e; font-size: 13px; margin: 0; }
  .add-row { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
  .history-buttons { display: inline-flex; gap: 4px; }
  /* Each bound on a line of its own: the date, the time and the time zone need the room. */
  fieldset.window .row { grid-template-columns: minmax(0, 1fr); }
  .date-time { display: flex; flex-wrap: wrap; gap: 6px; }
  /* The grid's one column may be narrower than a date-time input's own width (a phone, inside an entry inside a list). */
  .field.window-bound { grid-template-columns: minmax(0, 1fr); }
  .date-time input { width: auto; max-width: 100%; min-width: 0; }
  /* A fieldset is at least as wide as its content by default: on a phone it would push the page sideways. */
  fieldset { min-inline-size: 0; }
  .date-time select { width: auto; }
  fieldset.window .hint { margin: 4px 0 0; }
`];
