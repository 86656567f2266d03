/**
 * The service answers its errors in English, each with a `code`: on a Chinese page the common
 * ones a partner or reviewer meets are said in Chinese, from the code and the details the
 * answer carries. Anything else keeps the service's own words.
 */
import type { ApiErrorBody } from './api.ts';
import { humanPath } from './labels.ts';

const STATUS_ZH: Record<string, string> = { approved: '已通过', rejected: '已驳回', withdrawn: '已撤回', pending: '在等待审核' };

const ZH: Record<string, (body: ApiErrorBody & Record<string, unknown>) => string> = {
  unauthorized: ({ message }) => (/not known|revoked/.test(message) ? '令牌无效或已被撤销：请使用新的登录链接。' : '请登录：需要令牌。'),
  forbidden: ({ message }) => (/another partner/.test(message) ? '此令牌属于其他合作伙伴。' : /reviewers/.test(message) ? '只有审核人员可以执行此操作。' : '只有该合作伙伴本身可以执行此操作。'),
  rate_limited: ({ retryAfter }) => `请求过于频繁：请 ${retryAfter ?? 60} 秒后重试。`,
  payload_too_large: ({ message }) => {
    const kb = /(\d+) KB/.exec(message)?.[1];
    return kb ? `请求内容过大：最多 ${kb} KB。` : '请求内容过大。';
  },
  pending_exists: () => '已有一个提交在等待审核：请撤回它，或等待审核结果。',
  not_pending: ({ status }) => `该提交${STATUS_ZH[String(status)] ?? String(status)}，无法再执行此操作。`,
  not_scheduled: ({ reason }) => `该定时生效已不在等待中${typeof reason === 'string' ? `（${localizedReason(reason, 'system', 'zh-CN')}）` : ''}。`,
  share_limit: ({ limit }) => `有效的共享链接已达上限（${String(limit)} 个）：请先撤销一个。`,
  asset_quota: () => '已上传的图片达到配额：请删除不再使用的图片后重试。',
  internal: () => '服务出错了，已记录。请重试。',
  invalid_draft: () => '草稿有错误：请修正后再提交。',
  store_unavailable: () => '暂时无法访问数据存储：请稍后重试。',
  // An uploaded image the service refused (server/images.ts), with the figures its message gives.
  'image.corrupt': () => '此图片已损坏或不完整：请从原文件重新导出；如果上传中断过，请重新上传。',
  'image.too-large': () => '图片过大：最多 512 KB。',
  'image.unsupported': () => '无法读取此图片：请上传 PNG、JPEG、WebP 或普通 SVG 图片。',
  'image.svg-no-size': () => '此 SVG 没有自身尺寸：请为其 <svg> 元素设置以像素为单位的宽度和高度，或设置 viewBox，然后重新上传。',
  'image.too-complex': () => '此 SVG 过于复杂，不适合作为标识（元素过多、嵌套过深，或通过 <use> 重复绘制过多图形）：请简化后重新导出，或上传 PNG。',
  'image.active-svg': () => '此 SVG 无法保留：它含有脚本、事件处理或对其他文件的引用。请导出为普通 SVG，或上传 PNG。',
  'image.too-many-pixels': ({ message }) => `图片为 ${pixels(message)} 像素；每边最多 ${/at most (\d+)/.exec(message)?.[1] ?? '4096'} 像素。`,
  'image.too-small': ({ message }) => `图片为 ${pixels(message)} 像素；每边至少 ${/at least (\d+)/.exec(message)?.[1] ?? ''} 像素（SVG 须写明宽度和高度）。`,
  'image.aspect-ratio': ({ message }) => `图片为 ${pixels(message)} 像素；标识的宽高比须在 1:2（竖）到 8:1（横）之间：请裁剪得更贴近图案。`,
};

/** "The image is 20×4000 pixels; …" → "20×4000". */
const pixels = (message: string): string => /(\d+×\d+)/.exec(message)?.[1] ?? '';

/** Errors by code that the form cannot see for itself (the service checks them), said in Chinese. */
const ZH_ERRORS: Record<string, (message: string) => string> = {
  'asset.missing': () => '此图片不在已上传的图片中（从未在此上传，或已被删除）：请重新上传。',
  'asset.size-mismatch': (message) => {
    const [width, height] = pixels(message).split('×');
    return `此图片为 ${width}×${height} 像素：请将宽度设为 ${width}、高度设为 ${height}，或两者都删除。`;
  },
};

/** The reasons the service writes itself when a newer decision cancels a scheduled go-live (server/workflow.ts), said in Chinese. */
const SERVICE_REASONS_ZH: Record<string, string> = {
  'Superseded by a later approval.': '已被之后的一次批准取代。',
  'Superseded by a later scheduled approval.': '已被之后的一次定时批准取代。',
  'Superseded by a rollback.': '已被一次回滚取代。',
};

/** A reason in the page's language when the service wrote it (`actor` 'system'); a person's reason stays as written. */
export function localizedReason(reason: string, actor: string, lang: string): string {
  return actor === 'system' && lang === 'zh-CN' ? SERVICE_REASONS_ZH[reason] ?? reason : reason;
}

/** An error the service found in a draft (a refused submit's `errors`), in both languages, as the validator gives its own. */
export function draftErrorMessages(error: { code?: string; message: string }): { 'en-US': string; 'zh-CN': string } {
  return { 'en-US': error.message, 'zh-CN': (error.code ? ZH_ERRORS[error.code]?.(error.message) : undefined) ?? error.message };
}

/** The message to show for an error answer, in the page's language, with the errors it lists by place, named as the form names it. */
export function localizedMessage(body: ApiErrorBody, lang: string): string {
  const zh = lang === 'zh-CN';
  const message = zh ? ZH[body.code]?.(body as ApiErrorBody & Record<string, unknown>) ?? body.message : body.message;
  if (body.code !== 'invalid_draft' || !body.errors?.length) return message;
  const listed = body.errors.map((error) => `${humanPath(error.path, zh ? 'zh-CN' : 'en-US')}: ${draftErrorMessages(error)[zh ? 'zh-CN' : 'en-US']}`);
  return `${message} ${listed.join('; ')}`;
}

export const offlineMessage = (lang: string): string => (lang === 'zh-CN' ? '无法连接审核服务。' : 'The review service cannot be reached.');
