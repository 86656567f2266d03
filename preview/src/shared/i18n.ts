/** The app's own UI in English and Chinese: follows the browser, switchable, remembered. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { COLLAB_EN, COLLAB_ZH } from './i18n-collab.ts';

export type AppLang = 'en-US' | 'zh-CN';

const EN = {
  ...COLLAB_EN,
  editorTitle: 'Brand customization', reviewTitle: 'Review console', language: '中文', languageLabel: 'Switch to Chinese',
  signIn: 'Sign in', signOut: 'Sign out', tokenLabel: 'Access token', tokenHint: 'Paste the token you were given (npm start prints a demo token).',
  signedInAs: 'Signed in as', offline: 'Working offline: edit, validate, preview and export. Sign in to save, upload and submit.',
  brand: 'Dual brand', promotion: 'Promotion menu', cloudMenu: 'Cloud menu', operations: 'Operations information', json: 'JSON', logoZh: 'Chinese logo', logoEn: 'English logo', image: 'Image (upload or https:// URL)', upload: 'Upload image…', link: 'Link', altText: 'Name read by screen readers',
  barColour: 'Navigation bar colour', pickBarColour: 'Pick the navigation bar colour', contrast: 'Text colour {color} at {ratio}:1', meetsAA: 'meets WCAG AA', failsAA: 'below WCAG AA (4.5:1): pick a darker or lighter colour',
  white: 'white', dark: 'dark grey',
  entry: 'Entry', id: 'Id', nameZh: 'Chinese name', nameEn: 'English name', newTab: 'Opens in a new tab', subEntries: 'Sub-entries',
  addEntry: 'Add entry', addSubEntry: 'Add sub-entry', addMenu: 'Add menu', remove: 'Remove', moveUp: 'Move up', moveDown: 'Move down',
  show: 'Show', mandatory: 'always shown', customEntries: 'Added entries',
  contact: 'Contact', phone: 'Phone', email: 'Email', hoursZh: 'Hours (Chinese)', hoursEn: 'Hours (English)', supportPage: 'Support page',
  announcement: 'Announcement', textZh: 'Text (Chinese)', textEn: 'Text (English)', level: 'Level', info: 'Information', warning: 'Warning', critical: 'Critical',
  timeWindow: 'When shown (optional)', activeFrom: 'Shown from', activeUntil: 'Shown until', timeZone: 'Time zone',
  windowHint: 'Empty: always shown. Shown from the first moment up to, not including, the second; times are in the time zone chosen beside each.',
  asOf: 'Preview as of', asOfNow: 'Now', asOfMoments: 'Moments when what the bar shows changes', asOfHint: 'Promotions and the announcement with a time window show as they will at that moment, in your browser\'s time zone ({zone}).',
  windowChange: 'shown {from} → {until}', windowOpen: 'from the start', windowEndless: 'with no end', windowLabel: 'Time window', alwaysShown: 'always shown',
  preview: 'Live preview', width: 'Width', previewOf: 'Preview, {lang}, {width} px',
  importJson: 'Import JSON…', exportJson: 'Export JSON', jsonInvalid: 'Not valid JSON: {message}. The form keeps the last valid document.', jsonKept: 'Not valid JSON: {message}. This text is kept in this browser; the draft is as last saved.',
  importTooLarge: '{name} is {kb} KB; a customization document may be at most {max} KB. Nothing was imported.', importNotDocument: '{name} is not a customization document: it has none of schemaVersion, partnerId, brand, promotionMenu, cloudMenu or operations. Nothing was imported.', importDone: 'Imported {name} as the draft. Undo (Ctrl+Z) brings the previous draft back.',
  importQuestion: 'Replace your whole draft with {name}?', importOtherPartner: '{name} is for {other}, not {partner}.', importQuestionWhy: 'Everything now in the form is replaced by the file, and saved if you are signed in; Undo brings it back until you leave this page.', importReplace: 'Replace the draft',
  unchangedSinceRejection: 'This is the draft that was rejected on {date}, unchanged. Submit it again only if what the reviewer asked for was done outside the draft (a domain verified, say).',
  formCannotShow: 'The form cannot show this part: in the JSON view, {path} is not the list or object the schema describes. Correct it there; nothing of it is lost.',
  problems_one: '{count} problem to fix before you can submit', problems_other: '{count} problems to fix before you can submit', noProblems: 'No problems: ready to submit',
  saved: 'Saved', saving: 'Saving…', unsaved: 'Unsaved changes', savedLocally: 'Saved in this browser', saveFailed: 'Not saved: {message}',
  linkForOther: 'This sign-in link is for {linked}', linkSignedInAs: 'This tab is signed in as {current}.', linkLastWorkedAs: 'In this browser you last worked as {current}.', linkForOtherWhy: 'Sign in as {linked} only if you mean to edit {linked}\'s customization: a link someone sent you could otherwise have you edit their draft without noticing.', signInAs: 'Sign in as {linked}', stayAs: 'Stay as {current}', linkRefused: 'The sign-in link did nothing: {message}',
  signingIn: 'Signing in…', loadingDraft: 'Loading your draft…', draftNotLoaded: 'Draft not loaded', draftLoadFailed: 'Your draft could not be loaded, so it cannot be edited yet: {message}', tryAgain: 'Try again',
  conflict: 'Someone else saved this draft meanwhile. Your changes are not saved.', signedOutEdits: 'This browser kept edits your saved draft does not have (made while signed out, or before a sign-in ended). Use those edits as your draft? (Undo brings the saved draft back.)', signInAgain: 'Sign in again', resolveConflict: 'Choose which version to keep', sessionEnded: 'Your sign-in has ended: the service no longer accepts this token, so your latest edits are not saved. They are kept in this browser; sign in again to save them.', useSignedOutEdits: 'Use them', discardSignedOutEdits: 'Discard them', reload: 'Keep theirs for these', overwrite: 'Keep mine for these', conflictFields: 'Someone else saved this draft meanwhile (another tab, or a colleague) and changed what you changed: {fields}. All their other changes and yours are kept; choose whose version of these to keep.', entriesOrder: 'the order of its entries', clashValues: '{field}: theirs “{theirs}”, yours “{mine}”', noValue: '(empty)', updatedElsewhere: 'This draft was saved elsewhere (another tab or a colleague): the form now shows it.', submitStale: 'Nothing was submitted: this draft was changed elsewhere (another tab or a colleague) since this page showed it. The form now shows the draft as saved: check it, then submit again.', savedMerged: 'Saved, merged with changes made elsewhere', savedRestored: 'Saved, with your unsaved edits restored', restoredUnsaved: 'Your edits that were not saved (a sign-in that ended, or a page closed too soon) were kept in this browser: they are back in your draft and saved. Undo takes them back.', mergedElsewhere: 'This draft was saved elsewhere meanwhile (another tab, or a colleague): their changes and yours are merged and saved. Undo takes the merge back.',
  submit: 'Submit for review', withdraw: 'Withdraw', submitted: 'Submitted: due {date}', history: 'Submissions',
  noSubmissions: 'Nothing submitted yet.', due: 'due', dueColumn: 'Review due', reason: 'Reason',
  status_pending: 'Pending review', status_approved: 'Approved', status_rejected: 'Rejected', status_withdrawn: 'Withdrawn',
  queue: 'Queue', noPending: 'No submissions are waiting.', overdue: 'Overdue', partner: 'Partner', submittedAt: 'Submitted',
  pendingVersion: 'Submitted', liveVersion: 'Live now', noLive: 'Nothing is live yet: the cloud\'s default bar.', changes: 'Changes', changesWhenSubmitted: 'Changes to what was live when it was submitted',
  noChanges: 'No changes.', added: 'Added', removed: 'Removed', changed: 'Changed', before: 'Before', after: 'After',
  newHosts: 'External hosts this introduces', noNewHosts: 'No new external hosts.', approve: 'Approve', reject: 'Reject', confirmApprove: 'Approve {partner}\'s change? Once approved it is live: every sub-customer landing shows it.', approveAndGoLive: 'Approve and make it live', goLiveCancelledLine: 'The go-live set for {date} was cancelled on {cancelled}.', goLiveDoneLine: 'Went live as scheduled on {date}.',
  rejectReason: 'Reason for the partner (required)', rejectReasonNeeded: 'Say why it is rejected: the partner reads it in the editor, to fix the submission.',
  rollbackReasonNeeded: 'Say why you roll back: the partner reads it in the editor.', versions: 'Approved versions', live: 'Live', rollback: 'Roll back to this version',
  rollbackReason: 'Why roll back? (required)', auditTrail: 'History', notReviewer: 'This token is not a reviewer\'s.', notPartner: 'This token is a reviewer\'s: open the review console.', selectSubmission: 'Select a submission from the queue, or a partner from the list.',
  uploadNeedsSignIn: 'Sign in to upload images.', status: 'Status', actions: 'Actions', field: 'Field', change: 'Change',
  moved: 'Moved', shown: 'Now shown', hiddenOp: 'Now hidden', stateShown: 'Shown', stateHidden: 'Hidden', movedFrom: 'from position {from} to {to}', subEntryCount: '{count} sub-entries', logo: 'logo',
  badSubmissionId: 'The address names “{id}”, which is not a submission id. Pick a submission from the queue.',
  statusTitle: 'Where your customization stands', stPending: 'Submitted on {submitted}: the review is due by {due}.', stOverdue: 'Overdue: the review was due by {due}.',
  stChanged: 'Changes since you submitted are not in the review.', resubmit: 'Withdraw and resubmit with these changes',
  stRejected: 'Your submission of {submitted} was rejected on {date}. The reviewer\'s reason:', stWithdrawn: 'You withdrew your submission of {date}.',
  stLive: 'Approved on {date} and live: sub-customers see it.', stRolledBack: 'Rolled back on {date}: the version submitted on {submitted} (approved {approved}) is live again.',
  stRollbackReason: 'Reason: {reason}', stNothingLive: 'Nothing is live yet: sub-customers see the cloud\'s default bar.', stLiveNow: 'Live now: the version approved on {date}.',
  noProblemsOnly: 'No problems in the draft',
  counter: '{count}/{max}', countOf: '{count} of at most {max}', countFull: '{count} of {max}: the most there can be', countOver: '{count}: at most {max} can be submitted, remove {extra}', clipped: 'Cut to {max} characters, the limit for this field.', idHint: 'a-z, 0-9, -; made from the English name',
  uploadLimits: 'PNG, JPEG, WebP or SVG; at most {kb} KB and {side} × {side} px; from 1:2 (tall) to 8:1 (wide). Shown at most 160 × 28 px.', uploadWrongType: '{name} is not a PNG, JPEG, WebP or SVG image: choose one of those.', uploadTooLarge: '{name} is {kb} KB; an image may be at most {max} KB. Make it smaller (or save it as SVG or WebP) and upload again.',
  directory: 'Partners', findPartner: 'Find a partner by id', partnersShown_one: '{count} partner', partnersShown_other: '{count} partners', partnersShownMore_one: 'The first {count} partner by id: more below', partnersShownMore_other: 'The first {count} partners by id: more below', noPartnerMatches: 'No partner id contains “{query}”.', noPartners: 'No partners yet.', morePartners: 'Show more partners', liveSince: 'Live since {date}', nothingLive: 'Nothing live yet', openSubmission: 'Open the submission', noPendingFor: 'Nothing is waiting for review.',
  previewRollbackTo: 'Preview a rollback to version {number}…', versionNumber: 'Version {number}', rollbackTitle: 'Roll back to the version approved on {date}?', rollbackExplain: 'Sub-customers will see this version, rendered below, from the moment you confirm. The changes are against what is live now.',
  rollbackChanges: 'What changes for sub-customers ({count})', rollbackCancelsSchedule: 'A go-live is scheduled for {date}: rolling back cancels it (the newest decision wins).', rollbackCancelledSchedule: 'The go-live scheduled for {date} was cancelled: the rollback is the newest decision.', confirmRollback: 'Roll back to this version', cancel: 'Cancel', rollbackDone: '{partner}: the version approved on {date} is live again.',
  auditWhen: 'When', auditAction: 'Action', auditChange: 'State', auditWho: 'By',
  action_submit: 'Submitted', action_approve: 'Approved', action_reject: 'Rejected', action_withdraw: 'Withdrawn', action_rollback: 'Rolled back',
  state_draft: 'Draft', state_pending: 'Pending review', state_approved: 'Approved', state_rejected: 'Rejected', state_withdrawn: 'Withdrawn',
  versionOf: 'version of {date}', aVersion: 'an earlier version', actorReviewer: 'Reviewer ({name})', actorPartner: 'Partner {partner} ({name})', actorSeed: 'Demo set-up',
  badPartnerId: 'The address names “{id}”, which is not a partner id.',
  colourHint: '#RRGGBB; #RGB and rgb(r, g, b) are turned into it.', undo: 'Undo', redo: 'Redo', undone: 'Undone', redone: 'Redone',
  entryRemoved: 'Removed “{name}”. Ctrl+Z brings it back.', entryMoved: 'Moved “{name}” to position {position} of {count}.',
  approveLater: 'Approve, effective at a later time', effectiveAtLabel: 'Goes live at (your time zone, {zone})', approveScheduled: 'Approve, effective then',
  effectiveAtMissing: 'Pick the date and time it goes live, within a year from now.', effectiveAtPast: '{date} has passed: pick a later time, or approve now.', effectiveAtTooFar: '{date} is more than a year ahead: pick a time by {latest}.', effectiveAtInvalid: 'That date and time does not exist or is not complete: check the day, month, year and time.', scheduledBadge: 'Scheduled', scheduledFor: 'Goes live at {date}',
  cancelSchedule: 'Cancel the scheduled go-live', cancelReason: 'Why cancel it? (required: the partner reads it)', confirmCancelSchedule: 'Cancel the go-live',
  actualSize: 'Actual size',
  cancelReasonNeeded: 'Say why the go-live is cancelled: the partner reads it in the editor.',
  stScheduleCancelled: 'The change you submitted, approved to go live at {date}, will not go live: a reviewer cancelled it on {cancelled}.', goLiveCancelledBadge: 'Go-live cancelled',
  scheduleCancelled: '{partner}: the scheduled go-live was cancelled.', scheduledDone: '{partner}: approved, goes live at {date}.',
  scheduledTitle: 'Scheduled go-lives', stScheduled: 'Approved: scheduled to go live at {date}. Until then sub-customers see what is live now.',
  'action_schedule': 'Approved, scheduled', 'action_go-live': 'Went live as scheduled', 'action_cancel-schedule': 'Schedule cancelled',
  state_scheduled: 'Scheduled', state_live: 'Live', state_cancelled: 'Cancelled', effectiveAtNote: 'effective {date}', actorSystem: 'The service',
  deliveries: 'Webhook deliveries', deliveriesIntro: 'Notifications sent to the registered endpoints, newest first. Failed sends are retried with growing delays.',
  delEvent: 'Event', delTarget: 'Target', delAttempts: 'Attempts', delLastStatus: 'Last status', delNextRetry: 'Next retry', delState: 'State', noDeliveries: 'No webhook deliveries yet.',
  dstate_pending: 'Pending', dstate_delivered: 'Delivered', dstate_failed: 'Failed', dstate_cancelled: 'Cancelled', refresh: 'Refresh', backToQueue: 'Back to the review',
  previewHint: 'Scroll sideways to see all of it',
  finishNew: 'Fill in the new entries, then submit',
} as const;

type Key = keyof typeof EN;

const ZH: Record<Key, string> = {
  ...COLLAB_ZH,
  editorTitle: '品牌定制', reviewTitle: '审核控制台', language: 'English', languageLabel: '切换到英文',
  signIn: '登录', signOut: '退出', tokenLabel: '访问令牌', tokenHint: '粘贴分配给您的令牌（npm start 会打印演示令牌）。',
  signedInAs: '当前身份', offline: '离线模式：可编辑、校验、预览和导出。登录后可保存、上传和提交。',
  brand: '双品牌', promotion: '推广菜单', cloudMenu: '云菜单', operations: '运营信息', json: 'JSON', logoZh: '中文标识', logoEn: '英文标识', image: '图片（上传或 https:// 地址）', upload: '上传图片…', link: '链接', altText: '屏幕阅读器朗读的名称',
  barColour: '导航栏颜色', pickBarColour: '选取导航栏颜色', contrast: '文字颜色：{color}，对比度 {ratio}:1', meetsAA: '满足 WCAG AA', failsAA: '低于 WCAG AA（4.5:1）：请选择更深或更浅的颜色',
  white: '白色', dark: '深灰色',
  entry: '菜单项', id: 'Id', nameZh: '中文名称', nameEn: '英文名称', newTab: '在新标签页打开', subEntries: '子菜单项',
  addEntry: '添加菜单项', addSubEntry: '添加子菜单项', addMenu: '添加菜单', remove: '删除', moveUp: '上移', moveDown: '下移',
  show: '显示', mandatory: '始终显示', customEntries: '新增菜单项',
  contact: '联系方式', phone: '电话', email: '邮箱', hoursZh: '服务时间（中文）', hoursEn: '服务时间（英文）', supportPage: '支持页面',
  announcement: '公告', textZh: '内容（中文）', textEn: '内容（英文）', level: '级别', info: '通知', warning: '警告', critical: '紧急',
  timeWindow: '显示时间段（可选）', activeFrom: '开始显示', activeUntil: '结束显示', timeZone: '时区',
  windowHint: '不填则始终显示。从开始时刻起显示，到结束时刻为止（不含结束时刻）；时间按各自旁边所选的时区计算。',
  asOf: '预览时间点', asOfNow: '现在', asOfMoments: '栏目显示内容变化的时间点', asOfHint: '带显示时间段的推广菜单项和公告，将按该时刻的状态显示（使用浏览器时区 {zone}）。',
  windowChange: '显示时间 {from} → {until}', windowOpen: '从一开始', windowEndless: '不结束', windowLabel: '显示时间段', alwaysShown: '始终显示',
  preview: '实时预览', width: '宽度', previewOf: '预览，{lang}，{width} 像素',
  importJson: '导入 JSON…', exportJson: '导出 JSON', jsonInvalid: 'JSON 无效：{message}。表单保留上一个有效文档。', jsonKept: 'JSON 无效：{message}。此文本保存在本浏览器中；草稿仍为上次保存的内容。',
  importTooLarge: '{name} 大小为 {kb} KB，定制文档最多 {max} KB。未导入任何内容。', importNotDocument: '{name} 不是定制文档：其中没有 schemaVersion、partnerId、brand、promotionMenu、cloudMenu 或 operations 中的任何一项。未导入任何内容。', importDone: '已将 {name} 导入为草稿。撤销（Ctrl+Z）可恢复之前的草稿。',
  importQuestion: '用 {name} 替换整个草稿？', importOtherPartner: '{name} 属于 {other}，而不是 {partner}。', importQuestionWhy: '表单中现有的全部内容都将被该文件取代（已登录时会随即保存）；离开此页面前可用撤销恢复。', importReplace: '替换草稿',
  unchangedSinceRejection: '这正是 {date} 被拒绝的草稿，尚未修改。仅当审核人员要求的事项已在草稿之外完成（例如已验证域名）时，才再次提交。',
  formCannotShow: '表单无法显示这一部分：JSON 视图中 {path} 不是 schema 所描述的列表或对象。请在 JSON 视图中更正，其中内容不会丢失。',
  problems_one: '提交前需修正 {count} 个问题', problems_other: '提交前需修正 {count} 个问题', noProblems: '没有问题，可以提交',
  saved: '已保存', saving: '正在保存…', unsaved: '有未保存的更改', savedLocally: '已保存在本浏览器', saveFailed: '未保存：{message}',
  linkForOther: '此登录链接属于 {linked}', linkSignedInAs: '此标签页当前的身份是 {current}。', linkLastWorkedAs: '您在本浏览器中上次使用的身份是 {current}。', linkForOtherWhy: '仅当您确实要编辑 {linked} 的定制时才以其身份登录：否则，他人发给您的链接可能让您在不知情时编辑他们的草稿。', signInAs: '以 {linked} 身份登录', stayAs: '保持 {current} 身份', linkRefused: '登录链接未生效：{message}',
  signingIn: '正在登录…', loadingDraft: '正在加载草稿…', draftNotLoaded: '草稿未加载', draftLoadFailed: '无法加载您的草稿，因此暂时不能编辑：{message}', tryAgain: '重试',
  conflict: '其他人已保存了此草稿，您的更改尚未保存。', signedOutEdits: '本浏览器保留了已保存草稿中没有的编辑（在未登录时或登录失效前所做）。是否用这些编辑作为您的草稿？（撤销可恢复已保存的草稿。）', signInAgain: '重新登录', resolveConflict: '选择保留哪个版本', sessionEnded: '您的登录已失效：服务不再接受此令牌，因此最近的编辑尚未保存。它们保存在本浏览器中，请重新登录以保存。', useSignedOutEdits: '使用', discardSignedOutEdits: '丢弃', reload: '这些内容保留对方的', overwrite: '这些内容保留我的', conflictFields: '其他人（另一个标签页或同事）同时保存了此草稿，并修改了您也修改的内容：{fields}。双方的其他更改都已保留；请选择这些内容保留谁的版本。', entriesOrder: '其中各项的顺序', clashValues: '{field}：对方为“{theirs}”，您的为“{mine}”', noValue: '（空）', updatedElsewhere: '此草稿已在别处（另一个标签页或同事）保存：表单现已显示该内容。', submitStale: '未提交：自本页显示以来，此草稿已在别处（另一个标签页或同事）被修改。表单现已显示保存的草稿：请检查后再提交。', savedMerged: '已保存，并已与别处的更改合并', savedRestored: '已保存，并已恢复您未保存的编辑', restoredUnsaved: '您未保存的编辑（登录失效或页面过早关闭时）保存在本浏览器中：现已恢复到草稿并保存。撤销可取消。', mergedElsewhere: '此草稿同时在别处（另一个标签页或同事）被保存：双方的更改已合并并保存。撤销可取消合并。',
  submit: '提交审核', withdraw: '撤回', submitted: '已提交：{date} 前完成审核', history: '提交记录',
  noSubmissions: '尚未提交。', due: '截止', dueColumn: '审核截止', reason: '原因',
  status_pending: '待审核', status_approved: '已通过', status_rejected: '已驳回', status_withdrawn: '已撤回',
  queue: '待审队列', noPending: '没有待审核的提交。', overdue: '已超期', partner: '合作伙伴', submittedAt: '提交时间',
  pendingVersion: '提交的版本', liveVersion: '当前生效', noLive: '尚无生效版本：显示云的默认导航栏。', changes: '变更', changesWhenSubmitted: '相对提交时生效版本的变更',
  noChanges: '没有变更。', added: '新增', removed: '删除', changed: '修改', before: '修改前', after: '修改后',
  newHosts: '新引入的外部域名', noNewHosts: '没有新的外部域名。', approve: '通过', reject: '驳回', confirmApprove: '通过 {partner} 的变更？通过后即生效：每位子客户登录时都会看到。', approveAndGoLive: '通过并生效', goLiveCancelledLine: '原定于 {date} 的生效已于 {cancelled} 取消。', goLiveDoneLine: '已按计划于 {date} 生效。',
  rejectReason: '给合作伙伴的驳回原因（必填）', rejectReasonNeeded: '请说明驳回原因：合作伙伴会在编辑器中看到，并据此修改。',
  rollbackReasonNeeded: '请说明回滚原因：合作伙伴会在编辑器中看到。', versions: '已通过的版本', live: '生效中', rollback: '回滚到此版本',
  rollbackReason: '回滚原因（必填）', auditTrail: '操作记录', notReviewer: '此令牌不属于审核人员。', notPartner: '此令牌属于审核人员：请打开审核控制台。', selectSubmission: '请从队列中选择一个提交，或从列表中选择一个合作伙伴。',
  uploadNeedsSignIn: '登录后才能上传图片。', status: '状态', actions: '操作', field: '字段', change: '变更类型',
  moved: '移动', shown: '已显示', hiddenOp: '已隐藏', stateShown: '显示', stateHidden: '隐藏', movedFrom: '从第 {from} 位移到第 {to} 位', subEntryCount: '{count} 个子菜单项', logo: '标识',
  badSubmissionId: '地址中的“{id}”不是提交编号。请从队列中选择一个提交。',
  statusTitle: '定制的当前状态', stPending: '已于 {submitted} 提交，审核截止时间为 {due}。', stOverdue: '已超期：审核应于 {due} 前完成。',
  stChanged: '提交之后的更改不在本次审核中。', resubmit: '撤回并连同这些更改重新提交',
  stRejected: '您于 {submitted} 的提交已于 {date} 被驳回。审核人员给出的原因：', stWithdrawn: '您已撤回 {date} 的提交。',
  stLive: '已于 {date} 通过并生效：子客户看到的就是此版本。', stRolledBack: '已于 {date} 回滚：于 {submitted} 提交（{approved} 通过）的版本重新生效。',
  stRollbackReason: '原因：{reason}', stNothingLive: '尚无生效版本：子客户看到的是云的默认导航栏。', stLiveNow: '当前生效：{date} 通过的版本。',
  noProblemsOnly: '草稿没有问题',
  counter: '{count}/{max}', countOf: '{count} 项，最多 {max} 项', countFull: '已有 {count} 项，已达上限 {max} 项', countOver: '已有 {count} 项：最多可提交 {max} 项，请删除 {extra} 项', clipped: '已截断为 {max} 个字符，这是此字段的上限。', idHint: 'a-z、0-9、-；由英文名称生成',
  uploadLimits: 'PNG、JPEG、WebP 或 SVG；不超过 {kb} KB，且不超过 {side} × {side} 像素；宽高比在 1:2（竖）到 8:1（横）之间。显示尺寸最大 160 × 28 像素。', uploadWrongType: '{name} 不是 PNG、JPEG、WebP 或 SVG 图片：请选择这几种格式之一。', uploadTooLarge: '{name} 为 {kb} KB，图片最大为 {max} KB。请缩小图片（或保存为 SVG、WebP）后重新上传。',
  directory: '合作伙伴', findPartner: '按 ID 查找合作伙伴', partnersShown_one: '{count} 个合作伙伴', partnersShown_other: '{count} 个合作伙伴', partnersShownMore_one: '按 ID 排列的前 {count} 个合作伙伴，下方可显示更多', partnersShownMore_other: '按 ID 排列的前 {count} 个合作伙伴，下方可显示更多', noPartnerMatches: '没有 ID 包含“{query}”的合作伙伴。', noPartners: '还没有合作伙伴。', morePartners: '显示更多合作伙伴', liveSince: '自 {date} 起生效', nothingLive: '尚无生效版本', openSubmission: '打开此提交', noPendingFor: '没有待审核的提交。',
  previewRollbackTo: '预览回滚到版本 {number}…', versionNumber: '版本 {number}', rollbackTitle: '回滚到 {date} 通过的版本？', rollbackExplain: '确认后，子客户将立即看到下方渲染的版本。变更是相对于当前生效版本而言的。',
  rollbackChanges: '子客户将看到的变更（{count}）', rollbackCancelsSchedule: '已定于 {date} 定时生效：回滚将取消该定时生效（以最新的决定为准）。', rollbackCancelledSchedule: '原定于 {date} 的定时生效已取消：回滚是最新的决定。', confirmRollback: '回滚到此版本', cancel: '取消', rollbackDone: '{partner}：{date} 通过的版本已重新生效。',
  auditWhen: '时间', auditAction: '操作', auditChange: '状态', auditWho: '操作人',
  action_submit: '提交', action_approve: '通过', action_reject: '驳回', action_withdraw: '撤回', action_rollback: '回滚',
  state_draft: '草稿', state_pending: '待审核', state_approved: '已通过', state_rejected: '已驳回', state_withdrawn: '已撤回',
  versionOf: '{date} 的版本', aVersion: '较早的版本', actorReviewer: '审核人员（{name}）', actorPartner: '合作伙伴 {partner}（{name}）', actorSeed: '演示初始化',
  badPartnerId: '地址中的“{id}”不是合作伙伴标识。',
  colourHint: '#RRGGBB；输入 #RGB 或 rgb(r, g, b) 会自动转换。', undo: '撤销', redo: '重做', undone: '已撤销', redone: '已重做',
  entryRemoved: '已删除“{name}”。按 Ctrl+Z 可恢复。', entryMoved: '已将“{name}”移到第 {position} 位（共 {count} 项）。',
  approveLater: '通过，并在稍后的时间生效', effectiveAtLabel: '生效时间（您的时区：{zone}）', approveScheduled: '通过，到时生效',
  effectiveAtMissing: '请选择生效的日期和时间（一年之内）。', effectiveAtPast: '{date} 已经过去：请选择更晚的时间，或立即批准。', effectiveAtTooFar: '{date} 距今超过一年：请选择 {latest} 之前的时间。', effectiveAtInvalid: '该日期时间不存在或不完整：请检查年、月、日和时刻。', scheduledBadge: '已定时', scheduledFor: '将于 {date} 生效',
  cancelSchedule: '取消定时生效', cancelReason: '取消原因（必填：合作伙伴会看到）', confirmCancelSchedule: '取消生效',
  actualSize: '实际大小',
  cancelReasonNeeded: '请说明取消生效的原因：合作伙伴会在编辑器中看到。',
  stScheduleCancelled: '您提交的变更原定于 {date} 生效，现已不会生效：审核人员于 {cancelled} 取消了定时生效。', goLiveCancelledBadge: '已取消生效',
  scheduleCancelled: '{partner}：已取消定时生效。', scheduledDone: '{partner}：已通过，将于 {date} 生效。',
  scheduledTitle: '定时生效', stScheduled: '已通过：定于 {date} 生效。在此之前，子客户看到的仍是当前生效的版本。',
  'action_schedule': '通过（定时生效）', 'action_go-live': '按计划生效', 'action_cancel-schedule': '取消定时生效',
  state_scheduled: '已定时', state_live: '已生效', state_cancelled: '已取消', effectiveAtNote: '生效时间 {date}', actorSystem: '系统',
  deliveries: 'Webhook 投递', deliveriesIntro: '发送到已登记端点的通知，最新的在前。发送失败会以逐渐增加的间隔重试。',
  delEvent: '事件', delTarget: '目标', delAttempts: '尝试次数', delLastStatus: '最近状态', delNextRetry: '下次重试', delState: '状态', noDeliveries: '还没有 Webhook 投递。',
  dstate_pending: '待发送', dstate_delivered: '已送达', dstate_failed: '已失败', dstate_cancelled: '已取消', refresh: '刷新', backToQueue: '返回审核',
  previewHint: '左右滚动可查看全部',
  finishNew: '请填写新增的菜单项，然后提交',
};

const STORE_KEY = 'cobrand:app-lang';

export function initialLang(): AppLang {
  try {
    const stored = localStorage.getItem(STORE_KEY);
    if (stored === 'en-US' || stored === 'zh-CN') return stored;
  } catch { /* no storage */ }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

/** Keeps a page's language: `t()` translates, `toggle()` switches and re-renders every host. */
export class LangController implements ReactiveController {
  private static readonly hosts = new Set<ReactiveControllerHost>();
  static lang: AppLang = initialLang();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void { LangController.hosts.add(this.host); document.documentElement.lang = LangController.lang; }
  hostDisconnected(): void { LangController.hosts.delete(this.host); }

  get lang(): AppLang { return LangController.lang; }

  /** The text of `key` in the page's language, with `{name}` placeholders filled (an arrow, so it can be destructured). */
  readonly t = (key: Key, values: Record<string, string | number> = {}): string => {
    const text: string = LangController.lang === 'zh-CN' ? ZH[key] : EN[key];
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
  };

  /** `key_one`, `key_other`… by the language's plural rules (Intl.PluralRules), with `{count}` filled. */
  readonly plural = (key: 'problems' | 'partnersShown' | 'partnersShownMore', count: number, values: Record<string, string | number> = {}): string => {
    const rule = new Intl.PluralRules(LangController.lang).select(count);
    const chosen = `${key}_${rule}` in EN ? `${key}_${rule}` as Key : `${key}_other` as Key;
    return this.t(chosen, { ...values, count: new Intl.NumberFormat(LangController.lang).format(count) });
  };

  toggle(): void {
    LangController.lang = LangController.lang === 'zh-CN' ? 'en-US' : 'zh-CN';
    try { localStorage.setItem(STORE_KEY, LangController.lang); } catch { /* for this page only */ }
    document.documentElement.lang = LangController.lang;
    for (const host of LangController.hosts) host.requestUpdate();
  }

  date(iso: string): string {
    return new Intl.DateTimeFormat(LangController.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }
}

export type { Key as TextKey };
