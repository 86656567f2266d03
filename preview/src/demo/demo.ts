/**
 * The sub-customer's landing, as a host console embeds the bar: one script tag for the
 * bundle and one element told who the partner is. Console paths are routed by the page
 * itself (cobrand-navigate is cancelable); partner links open as links.
 *
 * `/demo#share=<secret>` shows a share link's snapshot instead (a draft or a submission, for
 * colleagues without a token): the secret stays in the fragment, which no server or Referer
 * sees, and goes to the service in a POST body (server/routes/shares.ts).
 */
const TEXT: Record<string, Record<string, string>> = {
  'zh-CN': {
    services: '服务列表', ecs: '弹性云服务器', obs: '对象存储服务', rds: '云数据库', vpc: '虚拟私有云', ces: '云监控',
    overview: '资源总览', running: '台运行中，分布在 3 个区域', buckets: '共 9 个桶', instances: '个实例，全部正常', bill: '本月费用', estimate: '预估费用',
    switch: 'English', routed: '控制台内导航：', title: '云控制台',
    sharedDraft: '共享预览：{partner} 的草稿（{created} 时的内容），尚未生效。链接有效期至 {expires}。',
    sharedSubmission: '共享预览：{partner} 提交审核的版本（{created} 共享），尚未生效。链接有效期至 {expires}。',
    shareGone: '此预览链接不存在、已过期或已被撤销：请向发送者索取新的链接。下方显示的是云的默认导航栏。',
    shareFailed: '无法打开此预览链接：{message}',
  },
  'en-US': {
    services: 'Services', ecs: 'Elastic Cloud Server', obs: 'Object Storage', rds: 'Relational Database', vpc: 'Virtual Private Cloud', ces: 'Cloud Eye',
    overview: 'Resource overview', running: 'running in 3 regions', buckets: 'in 9 buckets', instances: 'instances, all healthy', bill: 'This month', estimate: 'estimated charges',
    switch: '中文', routed: 'Routed inside the console: ', title: 'Cloud Console',
    sharedDraft: 'Shared preview: the draft of {partner} as it was on {created}; not live. The link works until {expires}.',
    sharedSubmission: 'Shared preview: the version {partner} submitted for review (shared on {created}); not live. The link works until {expires}.',
    shareGone: 'This preview link does not exist, has expired or was revoked: ask whoever sent it for a new one. Below is the cloud\'s default bar.',
    shareFailed: 'This preview link could not be opened: {message}',
  },
};

const params = new URLSearchParams(location.search);
const partner = params.get('partner') ?? 'acme-cloud';
let lang = params.get('lang') === 'en-US' ? 'en-US' : params.get('lang') === 'zh-CN' ? 'zh-CN' : navigator.language.startsWith('zh') ? 'zh-CN' : 'en-US';

const script = document.createElement('script');
script.type = 'module';
script.src = '/cobrand.js';
document.head.append(script);

const shareSecret = /(?:^#|&)share=([\w-]+)/.exec(location.hash)?.[1];

const bar = document.createElement('cobrand-console') as HTMLElement & { config?: unknown };
// A shared snapshot is given as `config`: the element then loads nothing, so no live document shows instead.
if (shareSecret) bar.config = null;
else bar.setAttribute('partner', partner);
bar.setAttribute('api', location.origin);
bar.setAttribute('user-name', 'Zhang Wei');
document.getElementById('bar-slot')!.replaceWith(bar);

bar.addEventListener('cobrand-navigate', (event) => {
  const { href, area, id } = (event as CustomEvent<{ href: string; area: string; id: string }>).detail;
  if (!href.startsWith('/')) return;
  event.preventDefault();
  document.getElementById('route')!.textContent = `${TEXT[lang]!.routed}${area} / ${id} → ${href}`;
});

interface OpenedShare { partnerId: string; source: 'draft' | 'submission'; document: unknown; createdAt: string; expiresAt: string }
type ShareState = { opened: OpenedShare } | { gone: true } | { failed: string } | null;
let share: ShareState = null;

async function openShare(secret: string): Promise<void> {
  try {
    const response = await fetch('/v1/shares/open', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ secret }), referrerPolicy: 'no-referrer' });
    const body = await response.json().catch(() => ({})) as OpenedShare & { message?: string };
    if (response.ok) {
      share = { opened: body };
      bar.config = body.document;
    } else {
      share = response.status === 404 ? { gone: true } : { failed: body.message ?? `HTTP ${response.status}` };
    }
  } catch (error) {
    share = { failed: (error as Error).message };
  }
  renderShareBanner();
}

const format = (iso: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

/** Says what the page shows: a shared snapshot that is not live, or why the link shows nothing. */
function renderShareBanner(): void {
  let banner = document.getElementById('share-banner');
  if (!share) return banner?.remove();
  if (!banner) {
    banner = document.createElement('p');
    banner.id = 'share-banner';
    bar.after(banner);
  }
  const text = TEXT[lang]!;
  const bad = !('opened' in share);
  banner.className = bad ? 'share-banner bad' : 'share-banner';
  banner.setAttribute('role', bad ? 'alert' : 'status');
  banner.textContent = 'opened' in share
    ? fill(share.opened.source === 'draft' ? text.sharedDraft! : text.sharedSubmission!, { partner: share.opened.partnerId, created: format(share.opened.createdAt), expires: format(share.opened.expiresAt) })
    : 'gone' in share ? text.shareGone! : fill(text.shareFailed!, { message: share.failed });
}

function applyLang(): void {
  document.documentElement.lang = lang;
  document.title = TEXT[lang]!.title!;
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) element.textContent = TEXT[lang]![element.dataset.i18n!] ?? '';
  const button = document.getElementById('lang')!;
  button.textContent = TEXT[lang]!.switch!;
  button.setAttribute('lang', lang === 'zh-CN' ? 'en' : 'zh');
  bar.setAttribute('lang', lang);
  renderShareBanner();
}

document.getElementById('lang')!.addEventListener('click', () => {
  lang = lang === 'zh-CN' ? 'en-US' : 'zh-CN';
  applyLang();
});
applyLang();
if (shareSecret) void openShare(shareSecret);
// Another share link pasted into the address bar: show that one (the sidebar's own #links change nothing).
window.addEventListener('hashchange', () => {
  const pasted = /(?:^#|&)share=([\w-]+)/.exec(location.hash)?.[1];
  if (pasted && pasted !== shareSecret) location.reload();
});
