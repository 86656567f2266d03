// The manifest drift test analyzes into node_modules/.cache: it must not point package.json's
// "customElements" there (only the build of @cobrand/elements writes that field).
import config from '../../components/custom-elements-manifest.config.mjs';

export default { ...config, packagejson: false };
