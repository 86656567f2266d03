import { CobrandConsole } from './console/console.ts';
import { define } from './shared/define.ts';

export { CobrandConsole };
define('cobrand-console', CobrandConsole);

declare global {
  interface HTMLElementTagNameMap {
    'cobrand-console': CobrandConsole;
  }
}
