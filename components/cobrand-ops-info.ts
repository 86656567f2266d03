import { CobrandOpsInfo } from './ops-info/ops-info.ts';
import { define } from './shared/define.ts';

export { CobrandOpsInfo };
define('cobrand-ops-info', CobrandOpsInfo);

declare global {
  interface HTMLElementTagNameMap {
    'cobrand-ops-info': CobrandOpsInfo;
  }
}
