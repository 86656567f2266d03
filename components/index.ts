/** The embed bundle (dist/cobrand.js): defines every element. */
export { CobrandBrand } from './cobrand-brand.ts';
export { CobrandCloudMenu } from './cobrand-cloud-menu.ts';
export { CobrandConsole } from './cobrand-console.ts';
export { CobrandOpsInfo } from './cobrand-ops-info.ts';
export { CobrandPromoMenu } from './cobrand-promo-menu.ts';
export type { ErrorDetail, LoadDetail } from './console/loader.ts';
export type { NavigateArea, NavigateDetail } from './shared/navigate.ts';
export type { Customization } from '../schema/types.generated.ts';
