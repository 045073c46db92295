// ESLint flat config for the extension sources: `npx eslint --config extension/eslint.config.js extension/`.
// no-unsanitized forbids innerHTML / insertAdjacentHTML / document.write with non-constant input:
// everything the page shows is attacker-written text.
import js from '@eslint/js';
import globals from 'globals';
import noUnsanitized from 'eslint-plugin-no-unsanitized';

const extensionGlobals = { chrome: 'readonly', browser: 'readonly' };

export default [
  { ignores: ['**/eslint.config.js'] },
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'script',  // content scripts are classic scripts
      globals: { ...globals.browser, ...extensionGlobals },
    },
    plugins: { 'no-unsanitized': noUnsanitized },
    rules: {
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Use textContent / DOM APIs: page text is untrusted.' },
        { property: 'outerHTML', message: 'Use textContent / DOM APIs: page text is untrusted.' }],
      eqeqeq: 'error',
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
  {
    files: ['**/background.js', '**/picture-url.js', '**/payload-archive.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.serviceworker, ...extensionGlobals } },
  },
  {
    files: ['**/case.js'],  // an extension page: a module with the DOM
    languageOptions: { sourceType: 'module', globals: { ...globals.browser, ...extensionGlobals } },
  },
];
