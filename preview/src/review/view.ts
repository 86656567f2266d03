/** What the review console's parts share: the console's state and actions, and light-DOM rendering. */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { Api, AuditEvent, Delivery, DirectoryEntry, NewComment, QueueItem, Review, Schedule, Version, VersionPreview } from '../shared/api.ts';
import type { LangController } from '../shared/i18n.ts';
import type { PreviewWidth } from '../shared/preview-frame.ts';

export interface ReviewContext {
  i18n: LangController;
  api: Api;
  queue: QueueItem[];
  selected: Review | null;
  versions: Version[];
  history: AuditEvent[];
  previewWidth: PreviewWidth;
  /** The moment the previews show the bars as of (time windows); undefined: now. */
  asOf: number | undefined;
  reasonError: string;
  setWidth(width: PreviewWidth): void;
  setAsOf(moment: number | undefined): void;
  /** Previews at their real size (scrolling sideways, drop-downs that open) rather than shrunk to fit. */
  actualSize: boolean;
  setActualSize(actual: boolean): void;
  /** Shows a submission; `focusTitle` when what was pressed goes away with the view it was in. */
  open(submissionId: string, focusTitle?: boolean): void;
  decide(action: 'approve' | 'reject', event?: SubmitEvent): void;
  /** Grows whenever the directory should be asked again (a decision, a new look at the queue). */
  directoryRevision: number;
  /** The partner in view: the selected submission's, or one opened from the directory. */
  partnerId: string | null;
  /** That partner as the directory lists it. */
  partnerEntry: DirectoryEntry | null;
  rollbackPreview: VersionPreview | null;
  rollbackError: string;
  openPartner(partnerId: string): void;
  previewRollback(version: Version): void;
  cancelRollback(): void;
  confirmRollback(event: SubmitEvent): void;
  /** Approvals waiting to go live, soonest first. */
  schedules: Schedule[];
  /** Why "approve effective at" was refused (the field's error), or ''. */
  effectiveAtError: string;
  /** Approves the selected submission effective at the form's time. */
  approveAt(event: SubmitEvent): void;
  /** Cancels the schedule with the reason its form gives. */
  cancelSchedule(schedule: Schedule, event: SubmitEvent): void;
  /** Why cancelling was refused (the reason's error), or ''. */
  cancelScheduleError: string;
  /** The webhook delivery log (loaded when its panel opens). */
  deliveries: Delivery[];
  refreshDeliveries(): void;
  /** `reviewer/demo` → "Reviewer (demo)": people by name, not token ids. */
  actorName(actor: string): string;
  /** Comments on fields to send with the decision, and the problem with the one being written. */
  draftComments: NewComment[];
  commentError: { field: 'pointer' | 'text'; message: string } | null;
  addComment(event: SubmitEvent): void;
  removeComment(index: number): void;
}

/**
 * A part of the review console. It renders into the console's shadow tree (no shadow root of
 * its own), so ids and labels work across parts and the console's styles apply.
 */
export class ReviewView extends LitElement {
  /** A new object on each render of the console, so every part follows each change. */
  @property({ attribute: false }) context!: ReviewContext;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
