/**
 * The sub-customer's landing, as a host console embeds the bar: one script tag for the
 * bundle and one element told who the partner is. Console paths are routed by the page
 * itself (cobrand-navigate is cancelable); partner links open as links.
 */
const TEXT: Record<string, Record<string, string>> = {
  'zh-CN': {
    services: '服务列表', ecs: '弹性云服务器', obs: '对象存储服务', rds: '云数据库', vpc: '虚拟私有云', ces: '云监控',
    overview: '资源总览', running: '台运行中，分布在 3 个区域', buckets: '共 9 个桶', instances: '个实例，全部正常', bill: '本月费用', estimate: '预估费用',
    switch: 'English', routed: '控制台内导航：', title: '云控制台',
  },
  'en-US': {
    services: 'Services', ecs: 'Elastic Cloud Server', obs: 'Object Storage', rds: 'Relational Database', vpc: 'Virtual Private Cloud', ces: 'Cloud Eye',
    overview: 'Resource overview', running: 'running in 3 regions', buckets: 'in 9 buckets', instances: 'instances, all healthy', bill: 'This month', estimate: 'estimated charges',
    switch: '中文', routed: 'Routed inside the console: ', title: 'Cloud Console',
  },
};

const params = new URLSearchParams(location.search);
const partner = params.get('partner') ?? 'acme-cloud';
let lang = params.get('lang') === 'en-US' ? 'en-US' : params.get('lang') === 'zh-CN' ? 'zh-CN' : navigator.language.startsWith('zh') ? 'zh-CN' : 'en-US';

const script = document.createElement('script');
script.type = 'module';
script.src = '/cobrand.js';
document.head.append(script);

const bar = document.createElement('cobrand-console');
bar.setAttribute('partner', partner);
bar.setAttribute('api', location.origin);
bar.setAttribute('user-name', 'Zhang Wei');
document.getElementById('bar-slot')!.replaceWith(bar);

bar.addEventListener('cobrand-navigate', (event) => {
  const { href, area, id } = (event as CustomEvent<{ href: string; area: string; id: string }>).detail;
  if (!href.startsWith('/')) return;
  event.preventDefault();
  document.getElementById('route')!.textContent = `${TEXT[lang]!.routed}${area} / ${id} → ${href}`;
});

function applyLang(): void {
  document.documentElement.lang = lang;
  document.title = TEXT[lang]!.title!;
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) element.textContent = TEXT[lang]![element.dataset.i18n!] ?? '';
  const button = document.getElementById('lang')!;
  button.textContent = TEXT[lang]!.switch!;
  button.setAttribute('lang', lang === 'zh-CN' ? 'en' : 'zh');
  bar.setAttribute('lang', lang);
}

document.getElementById('lang')!.addEventListener('click', () => {
  lang = lang === 'zh-CN' ? 'en-US' : 'zh-CN';
  applyLang();
});
applyLang();
