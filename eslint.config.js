import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript';
import pluginVue from 'eslint-plugin-vue';

/** Imports point one way: views → stores → app db/sync → domain; server → domain. */
const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default defineConfigWithVueTs(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'data-dev/**', 'test-results/**', 'bench-results/**'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'off',
    },
  },
  restrict(
    ['src/domain/**'],
    [
      {
        group: ['vue', 'pinia', 'vue-router', 'dexie', 'node:*', 'fastify', 'pg', '@electric-sql/*'],
        message: 'The domain imports nothing from the app, the server or their libraries.',
      },
      { group: ['**/app/**', '**/server/**'], message: 'The domain imports nobody.' },
    ],
  ),
  restrict(
    ['src/server/**'],
    [{ group: ['**/app/**', 'vue', 'dexie', 'pinia'], message: 'The server depends on the domain only.' }],
  ),
  restrict(['src/app/**'], [{ group: ['**/server/**'], message: 'The app talks to the server over HTTP only.' }]),
  restrict(
    ['src/app/db/**', 'src/app/sync/**'],
    [
      {
        group: ['**/stores/**', '**/views/**', '**/components/**', 'vue', 'pinia'],
        message: 'db/ and sync/ are below the stores and views.',
      },
    ],
  ),
  restrict(
    ['src/app/stores/**'],
    [{ group: ['**/views/**', '**/components/**'], message: 'Stores never import views.' }],
  ),
);
