import { CobrandCloudMenu } from './cloud-menu/cloud-menu.ts';
import { define } from './shared/define.ts';

export { CobrandCloudMenu };
define('cobrand-cloud-menu', CobrandCloudMenu);

declare global {
  interface HTMLElementTagNameMap {
    'cobrand-cloud-menu': CobrandCloudMenu;
  }
}
