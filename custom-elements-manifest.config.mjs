// The Custom Elements Manifest (custom-elements.json), written by `npm run build:manifest`.
// It documents the public API only: private and protected members are left out.
export default {
  litelement: true,
  globs: ['components/**/*.ts'],
  exclude: [
    'components/**/*.styles.ts', 'components/shared/**', 'components/**/loader.ts', 'components/**/overflow.ts',
    'components/**/bar-layout.ts', 'components/react.ts', 'components/dist/**',
  ],
  plugins: [{
    name: 'public-members-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.members) declaration.members = declaration.members.filter((member) => !member.privacy || member.privacy === 'public');
        }
      }
    },
  }],
};
