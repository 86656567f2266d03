// The manifest drift test analyzes into node_modules/.cache: it must not point package.json's
// "customElements" there (only `npm run build:manifest` writes that field).
import config from '../../custom-elements-manifest.config.mjs';

export default { ...config, packagejson: false };
