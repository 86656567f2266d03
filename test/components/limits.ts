/** Documents at the schema's limits, for the layout tests. */
import fc from 'fast-check';
import type { Customization } from '../../schema/types.generated.ts';
import { CLOUD_MENU_AREAS } from '../../schema/catalog.ts';

export const WIDE_LOGO = `/assets/${'d'.repeat(64)}`;
export const WIDEST_LOGO = `/assets/${'e'.repeat(64)}`;

const MAX_LABEL = 24;
const EN_WORDS = 'Managed Workspace Migration Backup Training Kubernetes Analytics Marketplace';
const ZH_TEXT = '云端托管备份迁移培训认证数据分析安全合规专属服务应用市场';

/** The longest allowed labels: 24 characters in each language. */
const label = (index: number) => ({
  'en-US': `${index} ${EN_WORDS}`.slice(0, MAX_LABEL).trimEnd().padEnd(MAX_LABEL, 'W'),
  'zh-CN': `${index}${ZH_TEXT}`.slice(0, MAX_LABEL),
});

const leaf = (prefix: string, index: number) => ({ id: `${prefix}-${index}`, label: label(index), href: `https://partner.example/${prefix}/${index}`, target: '_blank' });

/** 8 promotion entries with 12 children each, every catalog entry shown, every area's custom entries full, 4 custom menus. */
export function limitsDocument(logo: string): Customization {
  const children = (prefix: string) => Array.from({ length: 12 }, (_, index) => leaf(prefix, index));
  return {
    schemaVersion: 1,
    partnerId: 'limits',
    brand: {
      logos: {
        'zh-CN': { src: logo, href: 'https://partner.example/zh', alt: '合作伙伴品牌名称很长很长很长' },
        'en-US': { src: logo, href: 'https://partner.example/en', alt: 'A partner with a long brand name' },
      },
      navBackground: '#0B3D91',
    },
    promotionMenu: Array.from({ length: 8 }, (_, index) => ({ ...leaf('promo', index), children: children(`promo-${index}`) })),
    cloudMenu: {
      ...Object.fromEntries(CLOUD_MENU_AREAS.map((area) => [area, { hidden: [], custom: Array.from({ length: 8 }, (_, index) => leaf(`${area}-custom`, index)) }])),
      custom: Array.from({ length: 4 }, (_, index) => ({ id: `menu-${index}`, label: label(index), children: children(`menu-${index}`) })),
    },
    operations: {
      contact: { phone: '+86 400 000 0000', email: 'support@partner.example', hours: { 'zh-CN': '工作日 9:00-18:00', 'en-US': 'Weekdays 9:00-18:00' } },
    },
  } as Customization;
}

const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ W'), minLength: 1, maxLength: MAX_LABEL }),
  fc.string({ unit: fc.constantFrom(...ZH_TEXT), minLength: 1, maxLength: MAX_LABEL }),
).map((value) => (value.trim() ? value : 'W'));
const localized = fc.record({ 'zh-CN': text, 'en-US': text });

/** Documents of any shape the schema allows for the bar: counts and label lengths up to the limits. */
export function generatedDocument(): fc.Arbitrary<Customization> {
  const entries = (prefix: string, max: number, withChildren: boolean) => fc.array(
    fc.record({ label: localized, children: fc.array(localized, { maxLength: withChildren ? 12 : 0 }) }),
    { maxLength: max },
  ).map((list) => list.map((entry, index) => ({
    id: `${prefix}-${index}`,
    label: entry.label,
    href: `https://partner.example/${prefix}/${index}`,
    ...(entry.children.length ? { children: entry.children.map((child, at) => ({ id: `${prefix}-${index}-${at}`, label: child, href: `https://partner.example/${prefix}/${index}/${at}` })) } : {}),
  })));
  return fc.record({
    // Each logo as uploaded in the editor (with its size in pixels) and as an older document has it (without).
    logo: fc.constantFrom(...([[`/assets/${'a'.repeat(64)}`, 160, 28], [WIDE_LOGO, 240, 48], [WIDEST_LOGO, 4096, 512]] as const)
      .flatMap(([src, width, height]) => [{ src }, { src, width, height }])),
    promotion: entries('promo', 8, true),
    info: entries('info-custom', 8, false),
    resource: entries('resource-custom', 8, false),
    account: entries('account-custom', 8, false),
    custom: entries('menu', 4, true),
    contact: fc.boolean(),
  }).map((parts) => ({
    schemaVersion: 1,
    partnerId: 'generated',
    brand: { logos: { 'zh-CN': { ...parts.logo, alt: '伙伴' }, 'en-US': { ...parts.logo, alt: 'Partner' } } },
    promotionMenu: parts.promotion,
    cloudMenu: { info: { custom: parts.info }, resource: { custom: parts.resource }, account: { custom: parts.account }, custom: parts.custom },
    ...(parts.contact ? { operations: { contact: { email: 'help@partner.example' } } } : {}),
  }) as Customization);
}
