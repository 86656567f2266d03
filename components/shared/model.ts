/**
 * What the bar shows, derived from a customization document of any shape: the default
 * catalog minus `hidden` plus `custom`, labels in one language, and only safe links.
 * Whatever a document says, what comes out of here is safe to render.
 */
import { CLOUD_MENU_CATALOG, type CatalogEntry, type CloudMenuAreaId } from '../../schema/catalog.ts';
import { safeUrl } from '../../schema/url.ts';
import { localized, type Lang } from './i18n.ts';
import type { NavigateArea } from './navigate.ts';

export interface MenuItem {
  id: string;
  label: string;
  href?: string;
  newTab: boolean;
  area: NavigateArea;
  children: MenuItem[];
}

export interface CloudMenuView {
  resource: MenuItem[];
  info: MenuItem[];
  account: MenuItem[];
  custom: MenuItem[];
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Menu items from a list of entries; entries left with no label, or with neither link nor children, are dropped. */
export function menuItems(entries: unknown, area: NavigateArea, lang: Lang, depth = 0): MenuItem[] {
  const items: MenuItem[] = [];
  for (const value of asList(entries)) {
    const entry = asObject(value);
    const label = localized(entry.label, lang);
    const href = safeUrl(entry.href);
    const children = depth === 0 ? menuItems(entry.children, area, lang, 1) : [];
    if (!label || typeof entry.id !== 'string' || (!href && children.length === 0)) continue;
    items.push({ id: entry.id, label, href, newTab: entry.target === '_blank', area, children });
  }
  return items;
}

export function promotionMenu(config: unknown, lang: Lang): MenuItem[] {
  return menuItems(asObject(config).promotionMenu, 'promotion', lang);
}

export function cloudMenu(config: unknown, lang: Lang): CloudMenuView {
  const cloud = asObject(asObject(config).cloudMenu);
  const area = (id: CloudMenuAreaId): MenuItem[] => {
    const settings = asObject(cloud[id]);
    const hidden = new Set(asList(settings.hidden));
    const shown = (entries: readonly CatalogEntry[]) => entries
      .map((entry): MenuItem => ({ id: entry.id, label: entry.label[lang], href: entry.path, newTab: false, area: id, children: [] }));
    const catalog = CLOUD_MENU_CATALOG[id].filter((entry) => entry.mandatory || !hidden.has(entry.id));
    // Mandatory entries (sign-out) close the menu, after the partner's own.
    return [...shown(catalog.filter((entry) => !entry.mandatory)), ...menuItems(settings.custom, id, lang, 1), ...shown(catalog.filter((entry) => entry.mandatory))];
  };
  return { resource: area('resource'), info: area('info'), account: area('account'), custom: menuItems(cloud.custom, 'custom', lang) };
}

export interface LogoView {
  src: string;
  alt: string;
  href?: string;
  /** The image's size in pixels, when the document gives it: the bar keeps its room before it loads. */
  width?: number;
  height?: number;
}

/**
 * The partner's logo in `lang`. An uploaded asset path is resolved against `assetBase`
 * (the service's origin), since the bar lives on another site.
 */
export function partnerLogo(config: unknown, lang: Lang, assetBase = ''): LogoView | undefined {
  const logos = asObject(asObject(asObject(config).brand).logos);
  const logo = asObject(logos[lang] ?? logos['en-US']);
  const src = safeUrl(logo.src, 'image');
  const alt = typeof logo.alt === 'string' ? logo.alt : '';
  if (!src || !alt) return undefined;
  const view: LogoView = { src: src.startsWith('/') ? `${assetBase.replace(/\/+$/, '')}${src}` : src, alt, href: safeUrl(logo.href) };
  if (isPixels(logo.width) && isPixels(logo.height)) Object.assign(view, { width: logo.width, height: logo.height });
  return view;
}

const isPixels = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

export function navBackground(config: unknown): string | undefined {
  const value = asObject(asObject(config).brand).navBackground;
  return typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value) ? value : undefined;
}

export interface ContactView {
  phone?: string;
  /** `tel:` link built from the digits of the phone number. */
  phoneHref?: string;
  email?: string;
  hours?: string;
  href?: string;
}

export function contact(config: unknown, lang: Lang): ContactView | undefined {
  const value = asObject(asObject(asObject(config).operations).contact);
  const phone = typeof value.phone === 'string' && /^\+?[0-9][0-9 ()-]{2,30}$/.test(value.phone) ? value.phone : undefined;
  const email = typeof value.email === 'string' && /^[^\s@<>"'&?#%]{1,64}@[a-z0-9.-]{1,190}$/i.test(value.email) ? value.email : undefined;
  const view: ContactView = {
    phone,
    phoneHref: phone ? `tel:${phone.replace(/[^+0-9]/g, '')}` : undefined,
    email,
    hours: localized(value.hours, lang) || undefined,
    href: safeUrl(value.href),
  };
  return view.phone || view.email || view.hours || view.href ? view : undefined;
}

export interface AnnouncementView {
  text: string;
  href?: string;
  level: 'info' | 'warning' | 'critical';
}

export function announcement(config: unknown, lang: Lang): AnnouncementView | undefined {
  const value = asObject(asObject(asObject(config).operations).announcement);
  const text = localized(value.text, lang);
  if (!text) return undefined;
  const level = value.level === 'warning' || value.level === 'critical' ? value.level : 'info';
  return { text, href: safeUrl(value.href), level };
}
