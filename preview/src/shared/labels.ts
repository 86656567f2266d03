/** Human names for places in a customization document, for diffs and error summaries. */
import { AREA_LABELS, CLOUD_MENU_CATALOG, type CloudMenuAreaId } from '../../../schema/catalog.ts';
import { getAt, tokens } from './pointer.ts';
import type { AppLang } from './i18n.ts';

const NAMES: Record<string, [string, string]> = {
  brand: ['Dual brand', '双品牌'], logos: ['Logos', '标识'], 'zh-CN': ['Chinese', '中文'], 'en-US': ['English', '英文'],
  src: ['Image', '图片'], width: ['Image width (px)', '图片宽度（像素）'], height: ['Image height (px)', '图片高度（像素）'], href: ['Link', '链接'], alt: ['Screen-reader name', '朗读名称'], navBackground: ['Bar colour', '导航栏颜色'],
  promotionMenu: ['Promotion menu', '推广菜单'], children: ['Sub-entries', '子菜单项'], label: ['Name', '名称'], id: ['Id', 'Id'],
  target: ['Opens in', '打开方式'], cloudMenu: ['Cloud menu', '云菜单'], hidden: ['Hidden entries', '隐藏的菜单项'], custom: ['Added entries', '新增菜单项'],
  operations: ['Operations information', '运营信息'], contact: ['Contact', '联系方式'], phone: ['Phone', '电话'], email: ['Email', '邮箱'],
  activeFrom: ['Shown from', '开始显示'], activeUntil: ['Shown until', '结束显示'],
  hours: ['Hours', '服务时间'], announcement: ['Announcement', '公告'], text: ['Text', '内容'], level: ['Level', '级别'],
  partnerId: ['Partner id', '合作伙伴标识'], schemaVersion: ['Schema version', 'Schema 版本'], $schema: ['Schema link', 'Schema 链接'],
};

/** "Promotion menu › Backup › Link" for `/promotionMenu/0/href`, naming menu entries by their label in `doc`. */
export function humanPath(path: string, lang: AppLang, doc?: unknown): string {
  const parts = tokens(path);
  if (parts.length === 0) return lang === 'zh-CN' ? '整个文档' : 'The whole document';
  const words: string[] = [];
  let prefix = '';
  parts.forEach((token, index) => {
    prefix += `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const parent = parts[index - 1];
    if (/^\d+$/.test(token)) {
      if (parent === 'hidden') {
        const area = parts[index - 2] as CloudMenuAreaId;
        const id = getAt(doc, prefix);
        const entry = CLOUD_MENU_CATALOG[area]?.find((candidate) => candidate.id === id);
        words.push(entry ? entry.label[lang] : `#${Number(token) + 1}`);
        return;
      }
      const label = getAt(doc, `${prefix}/label/${lang}`);
      words.push(typeof label === 'string' && label ? `“${label}”` : `#${Number(token) + 1}`);
      return;
    }
    if (parent === 'cloudMenu' && token in AREA_LABELS) {
      words.push(AREA_LABELS[token as keyof typeof AREA_LABELS][lang]);
      return;
    }
    if (parent === 'cloudMenu' && token === 'custom') {
      words.push(lang === 'zh-CN' ? '自定义菜单' : 'Custom menus');
      return;
    }
    words.push(fieldName(token, lang));
  });
  return words.join(' › ');
}

/** A field's name by its key ("width" → "Image width (px)"), or the key itself when it has none. */
export function fieldName(key: string, lang: AppLang): string {
  return NAMES[key]?.[lang === 'zh-CN' ? 1 : 0] ?? key;
}
