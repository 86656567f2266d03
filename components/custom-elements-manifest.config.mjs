// The Custom Elements Manifest (custom-elements.json), written by the build of @cobrand/elements
// (`npm run build`, run in components/, so paths are the package's own) and shipped in it.
// It documents the public API only: private and protected members are left out.
export default {
  litelement: true,
  globs: ['**/*.ts'],
  exclude: [
    '**/*.styles.ts', 'shared/**', '**/loader.ts', '**/overflow.ts', '**/bar-layout.ts', 'react.ts', 'embed.ts', 'dist/**', 'node_modules/**',
  ],
  plugins: [{
    name: 'public-members-only',
    packageLinkPhase({ customElementsManifest }) {
      // The analyzer lists modules in the order its file reads finish: sorted, every build writes the same file.
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.members) declaration.members = declaration.members.filter((member) => !member.privacy || member.privacy === 'public');
          // The parts' measurement signal to <cobrand-console> (shared/overflow.ts) is internal, and read by the analyzer under its constant's name.
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name !== 'MEASURE_EVENT');
        }
      }
    },
  }],
};
