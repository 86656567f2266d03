/**
 * The cloud console's own menu entries, per area, as an empty customization shows them.
 * A partner may hide any entry that is not `mandatory`; custom menus (the fourth area)
 * start empty and hold only what the partner adds.
 */

export type CatalogLocale = 'zh-CN' | 'en-US';

export interface CatalogEntry {
  readonly id: string;
  readonly label: Readonly<Record<CatalogLocale, string>>;
  /** Console path the entry opens. */
  readonly path: string;
  /** Mandatory entries are always shown: `hidden` may not name them. */
  readonly mandatory?: true;
}

export type CloudMenuAreaId = 'info' | 'resource' | 'account';

export const CLOUD_MENU_AREAS: readonly CloudMenuAreaId[] = ['info', 'resource', 'account'];

export const AREA_LABELS: Readonly<Record<CloudMenuAreaId | 'custom', Readonly<Record<CatalogLocale, string>>>> = {
  info: { 'zh-CN': '信息菜单', 'en-US': 'Information menu' },
  resource: { 'zh-CN': '资源下拉菜单', 'en-US': 'Resource drop-down menu' },
  account: { 'zh-CN': '用户名下拉菜单', 'en-US': 'User-name drop-down menu' },
  custom: { 'zh-CN': '自定义菜单', 'en-US': 'Custom menus' },
};

const entry = (id: string, zh: string, en: string, path: string, mandatory?: true): CatalogEntry =>
  mandatory ? { id, label: { 'zh-CN': zh, 'en-US': en }, path, mandatory } : { id, label: { 'zh-CN': zh, 'en-US': en }, path };

export const CLOUD_MENU_CATALOG: Readonly<Record<CloudMenuAreaId, readonly CatalogEntry[]>> = {
  info: [
    entry('billing', '费用', 'Billing', '/billing'),
    entry('enterprise', '企业', 'Enterprise', '/enterprise'),
    entry('tools', '工具', 'Tools', '/tools'),
    entry('tickets', '工单', 'Tickets', '/tickets'),
    entry('support', '支持与服务', 'Support', '/support'),
    entry('messages', '消息中心', 'Messages', '/messages'),
    entry('filing', '备案', 'ICP Filing', '/filing'),
  ],
  resource: [
    entry('my-resources', '我的资源', 'My Resources', '/resources'),
    entry('resource-packages', '我的套餐', 'Resource Packages', '/resources/packages'),
    entry('enterprise-projects', '企业项目', 'Enterprise Projects', '/enterprise/projects'),
    entry('tag-management', '标签管理', 'Tag Management', '/resources/tags'),
  ],
  account: [
    entry('basic-info', '基本信息', 'Basic Information', '/account/info'),
    entry('security-settings', '安全设置', 'Security Settings', '/account/security'),
    entry('credentials', '我的凭证', 'My Credentials', '/account/credentials'),
    entry('iam', '统一身份认证', 'Identity and Access Management', '/iam'),
    entry('switch-role', '切换角色', 'Switch Role', '/account/switch-role'),
    entry('sign-out', '退出登录', 'Sign Out', '/logout', true),
  ],
};

export function catalogEntry(area: CloudMenuAreaId, id: string): CatalogEntry | undefined {
  return CLOUD_MENU_CATALOG[area].find((candidate) => candidate.id === id);
}
