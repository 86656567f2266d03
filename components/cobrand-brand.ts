import { CobrandBrand } from './brand/brand.ts';
import { define } from './shared/define.ts';

export { CobrandBrand };
define('cobrand-brand', CobrandBrand);

declare global {
  interface HTMLElementTagNameMap {
    'cobrand-brand': CobrandBrand;
  }
}
