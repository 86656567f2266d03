import { CobrandPromoMenu } from './promo-menu/promo-menu.ts';
import { define } from './shared/define.ts';

export { CobrandPromoMenu };
define('cobrand-promo-menu', CobrandPromoMenu);

declare global {
  interface HTMLElementTagNameMap {
    'cobrand-promo-menu': CobrandPromoMenu;
  }
}
