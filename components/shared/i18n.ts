/** The two languages the bar speaks, and how an element finds its own. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Lang = 'zh-CN' | 'en-US';

const UI = {
  'en-US': {
    cloudName: 'Cloud Console',
    navigation: 'Console navigation',
    partnerMenu: 'Partner services',
    consoleMenu: 'Console menu',
    more: 'More',
    moreConsole: 'More console menus',
    resources: 'Resources',
    account: 'Account',
    menu: 'Menu',
    openMenu: 'Open menu',
    closeMenu: 'Close menu',
    support: 'Contact',
    phone: 'Phone',
    email: 'Email',
    hours: 'Hours',
    supportPage: 'Support page',
    dismiss: 'Dismiss announcement',
    dismissed: 'Announcement dismissed',
    details: 'Details',
    home: 'home page',
    newTab: '(opens in a new tab)',
  },
  'zh-CN': {
    cloudName: '云控制台',
    navigation: '控制台导航',
    partnerMenu: '合作伙伴服务',
    consoleMenu: '控制台菜单',
    more: '更多',
    moreConsole: '更多控制台菜单',
    resources: '资源',
    account: '账号',
    menu: '菜单',
    openMenu: '打开菜单',
    closeMenu: '关闭菜单',
    support: '联系我们',
    phone: '电话',
    email: '邮箱',
    hours: '服务时间',
    supportPage: '支持页面',
    dismiss: '关闭公告',
    dismissed: '公告已关闭',
    details: '详情',
    home: '首页',
    newTab: '（在新标签页打开）',
  },
} as const;

export type UiText = { readonly [K in keyof (typeof UI)['en-US']]: string };

export function uiText(lang: Lang): UiText {
  return UI[lang];
}

/** `zh`, `zh-Hans`, `zh-TW` → zh-CN; anything else → en-US. */
export function normalizeLang(tag: string | null | undefined): Lang | undefined {
  if (!tag) return undefined;
  return tag.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

/** The element's own `lang`, else the nearest `lang` up the document (across shadow roots), else the browser's. */
export function resolveLang(element: HTMLElement): Lang {
  // The property first: Lit renders before it reflects a newly set `lang` to the attribute.
  const own = normalizeLang(element.lang);
  if (own) return own;
  let node: Node | null = element.parentNode ?? null;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) {
      const lang = normalizeLang(node.getAttribute('lang'));
      if (lang) return lang;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return normalizeLang(navigator.language) ?? 'en-US';
}

/** The text in `lang`, else en-US, else any language there is. */
export function localized(text: unknown, lang: Lang): string {
  if (text === null || typeof text !== 'object') return '';
  const map = text as Record<string, unknown>;
  const value = map[lang] ?? map['en-US'] ?? Object.values(map)[0];
  return typeof value === 'string' ? value : '';
}

/**
 * Renders the host again when a `lang` changes anywhere in the page (a host page's language
 * switch sets it on `<html>` or on a container), so that an element without its own `lang`
 * follows. One observer for the whole page, made on the first connection.
 */
export class PageLangController implements ReactiveController {
  private static readonly hosts = new Set<ReactiveControllerHost>();
  private static observer?: MutationObserver;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    PageLangController.hosts.add(this.host);
    if (PageLangController.observer) return;
    PageLangController.observer = new MutationObserver((records) => {
      // The elements' own `lang` (reflected, or given by <cobrand-console> to its parts) is not the page's.
      if (records.every((record) => (record.target as Element).localName.startsWith('cobrand-'))) return;
      for (const host of PageLangController.hosts) host.requestUpdate();
    });
    PageLangController.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }

  hostDisconnected(): void {
    PageLangController.hosts.delete(this.host);
  }
}
