import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directoryResponseSchema } from '../../src/domain/directory';
import { noticeSchema, type Notice } from '../../src/domain/notice';
import { loadConfig } from '../../src/server/config';
import { buildApp } from '../../src/server/http/app';
import { DEFAULT_NOTICE_FILE, loadNoticeTemplate, parseNoticeTemplate } from '../../src/server/privacy/notice';
import { AGENTS, FIXTURE_PASSWORD, PLATFORM } from '../support/server/fixture';
import { bearer, useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * The information notice for young people and their families: a markdown
 * file the platform adapts (NOTICE_FILE), sent worded for the reader's
 * platform, and carried by the directory so that devices keep it offline,
 * with the settings they follow.
 */
const everyText = (notice: Notice) =>
  [
    notice.title,
    ...notice.sections.flatMap((section) => [
      section.heading,
      ...section.blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : block.items)),
    ]),
  ].join('\n');

describe.each(backends)('information notice on %s', (backend) => {
  const t = useTestApp(backend);
  const noticeOf = async (device: Device) => {
    const response = await t.inject({ method: 'GET', url: '/api/notice', headers: bearer(device.token) });
    expect(response.statusCode).toBe(200);
    return noticeSchema.parse(response.json());
  };

  it('gives every agent the shipped notice, worded for their platform: purpose, legal basis, retention, rights, contact', async () => {
    const notice = await noticeOf(await t.login('conseiller'));
    expect(notice.title).toBe('Information sur l’utilisation de vos données personnelles');
    expect(notice.sections.map((section) => section.heading)).toEqual([
      '',
      'Pourquoi nous utilisons vos données',
      'Sur quelle base',
      'Quelles données',
      'Qui peut les consulter',
      'Combien de temps',
      'Vos droits',
      'Contact',
    ]);
    const text = everyText(notice);
    expect(text).toContain(`La plateforme de suivi et d’appui aux décrocheurs ${PLATFORM.name} vous contacte`);
    expect(text).toContain(`académie de ${PLATFORM.academie}`);
    expect(text).toContain('puis 2 ans après la clôture de votre dossier');
    expect(text).not.toContain('{{');
    expect(notice.sections[3]?.blocks).toEqual([
      { kind: 'list', items: [expect.stringMatching(/^votre identité/), expect.any(String), expect.any(String)] },
    ]);

    const admin = everyText(await noticeOf(await t.login('admin'))); // no platform: generic words
    expect(admin).toContain('votre plateforme de suivi et d’appui aux décrocheurs');
    expect(admin).not.toContain(PLATFORM.name);
  });

  it('is carried by the directory with the device settings, so that devices keep it for offline use', async () => {
    const device = await t.login('mlds');
    const response = await t.inject({ method: 'GET', url: '/api/directory', headers: bearer(device.token) });
    const directory = directoryResponseSchema.parse(response.json());
    expect(directory.settings).toEqual({ closedCaseDeviceDays: 30, lockMinutes: 10 });
    expect(directory.notice).toEqual(await noticeOf(device));
    // An app older than these fields reads the answer as before.
    expect(directoryResponseSchema.parse({ platform: directory.platform, agents: directory.agents })).toMatchObject({
      agents: directory.agents,
    });
  });

  it('serves the platform’s own file, its retention and its device settings', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'raccroche-notice-'));
    const file = join(folder, 'notice.md');
    writeFileSync(
      file,
      [
        '# Vos données à la {{plateforme}}',
        '',
        '## Conservation',
        '',
        'Nous gardons votre dossier',
        '{{duree_conservation}} après sa clôture.',
        '',
        '- contact : psad@exemple.fr,',
        '  du lundi au vendredi',
        '- DPO : dpo@exemple.fr',
      ].join('\n'),
    );
    const app = await buildApp({
      db: t.db,
      clock: t.time.clock,
      sessionDays: 30,
      sessionSecret: randomBytes(32),
      privacy: { retentionYears: 5, closedCaseDeviceDays: 7, lockMinutes: 3, notice: loadNoticeTemplate(file) },
    });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: AGENTS.coordinateur.email, password: FIXTURE_PASSWORD, deviceName: 'Poste' },
      });
      const headers = bearer(login.json().accessToken);
      const notice = (await app.inject({ method: 'GET', url: '/api/notice', headers })).json();
      expect(notice).toEqual({
        title: `Vos données à la ${PLATFORM.name}`,
        sections: [
          {
            heading: 'Conservation',
            blocks: [
              { kind: 'paragraph', text: 'Nous gardons votre dossier 5 ans après sa clôture.' },
              { kind: 'list', items: ['contact : psad@exemple.fr, du lundi au vendredi', 'DPO : dpo@exemple.fr'] },
            ],
          },
        ],
      });
      const directory = (await app.inject({ method: 'GET', url: '/api/directory', headers })).json();
      expect(directory.settings).toEqual({ closedCaseDeviceDays: 7, lockMinutes: 3 });
    } finally {
      await app.close();
    }
  });
});

describe('notice file and privacy configuration', () => {
  it('reads the shipped notice', () => {
    expect(loadNoticeTemplate(DEFAULT_NOTICE_FILE).sections.length).toBeGreaterThan(5);
  });

  it.each([
    ['an unknown placeholder', '# Titre\n\nBonjour {{nom_du_jeune}}', /ligne 3 : \{\{nom_du_jeune\}\} inconnu/],
    ['no title', 'Un texte sans titre', /commence par son titre/],
    ['two titles', '# Un\n\ntexte\n\n# Deux', /ligne 5 : un seul titre/],
    ['a third-level heading', '# Titre\n\n### Détail', /ligne 3 : seuls les titres/],
    ['nothing but a title', '# Titre\n\n## Partie', /vide/],
  ])('refuses a notice with %s, naming the problem', (_what, markdown, problem) => {
    expect(() => parseNoticeTemplate(markdown)).toThrow(problem);
  });

  it('stops at start on a notice file that cannot be read', () => {
    expect(() => loadNoticeTemplate('/nulle/part/notice.md')).toThrow(/NOTICE_FILE : impossible de lire/);
  });

  it('takes retention, device settings and the notice file from the environment, with safe defaults', () => {
    expect(loadConfig({})).toMatchObject({
      retentionYears: 2,
      retentionCheckHours: 24,
      noticeFile: DEFAULT_NOTICE_FILE,
      closedCaseDeviceDays: 30,
      lockMinutes: 10,
    });
    expect(
      loadConfig({
        RETENTION_YEARS: '3',
        RETENTION_CHECK_HOURS: '6',
        NOTICE_FILE: '/etc/raccroche/notice.md',
        CLOSED_CASE_DEVICE_DAYS: '0',
        LOCK_MINUTES: '5',
      }),
    ).toMatchObject({
      retentionYears: 3,
      retentionCheckHours: 6,
      noticeFile: '/etc/raccroche/notice.md',
      closedCaseDeviceDays: 0,
      lockMinutes: 5,
    });
    expect(() => loadConfig({ RETENTION_YEARS: '0' })).toThrow(/RETENTION_YEARS/);
    expect(() => loadConfig({ LOCK_MINUTES: 'jamais' })).toThrow(/LOCK_MINUTES/);
  });
});
