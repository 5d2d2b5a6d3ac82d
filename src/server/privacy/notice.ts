import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Notice, NoticeBlock, NoticeSection } from '../../domain/notice';

/** The notice shipped with Raccroche; a platform points NOTICE_FILE at its own version. */
export const DEFAULT_NOTICE_FILE = fileURLToPath(new URL('../../../config/notice-information.md', import.meta.url));

/** What a notice may name between double braces, replaced for the platform of whoever reads it. */
export const NOTICE_PLACEHOLDERS = ['plateforme', 'departement', 'academie', 'duree_conservation'] as const;
export type NoticeValues = Record<(typeof NOTICE_PLACEHOLDERS)[number], string>;

/** A notice as written in its file: placeholders not yet replaced. */
export type NoticeTemplate = Notice;

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/**
 * Reads the notice's markdown: one `# title`, sections under `## heading`,
 * paragraphs (lines joined, blank lines between them) and lists (`- item`,
 * continuation lines indented). Nothing else is interpreted: the text is
 * shown as written. Throws, with the line, on what it cannot read, so that a
 * wrong file stops the endpoint at start rather than showing a broken notice.
 */
export function parseNoticeTemplate(markdown: string, source = 'la notice'): NoticeTemplate {
  let title = '';
  const sections: NoticeSection[] = [];
  let section: NoticeSection | undefined;
  let block: NoticeBlock | undefined;
  const fail = (line: number, problem: string): never => {
    throw new Error(`${source}, ligne ${line} : ${problem}`);
  };
  const currentSection = () => {
    if (!section) {
      section = { heading: '', blocks: [] };
      sections.push(section);
    }
    return section;
  };

  markdown.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trimEnd();
    const number = index + 1;
    for (const [, name] of line.matchAll(PLACEHOLDER)) {
      if (!(NOTICE_PLACEHOLDERS as readonly string[]).includes(name!)) {
        fail(number, `{{${name}}} inconnu (possibles : ${NOTICE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')})`);
      }
    }
    if (line.trim() === '') {
      block = undefined;
    } else if (/^# /.test(line)) {
      if (title) fail(number, 'un seul titre « # » par notice');
      title = line.slice(2).trim();
      block = undefined;
    } else if (/^## /.test(line)) {
      section = { heading: line.slice(3).trim(), blocks: [] };
      sections.push(section);
      block = undefined;
    } else if (/^#/.test(line)) {
      fail(number, 'seuls les titres « # » (la notice) et « ## » (ses parties) sont lus');
    } else if (/^[-*] /.test(line)) {
      if (block?.kind !== 'list') {
        block = { kind: 'list', items: [] };
        currentSection().blocks.push(block);
      }
      block.items.push(line.slice(2).trim());
    } else if (block?.kind === 'list' && /^\s/.test(line)) {
      block.items[block.items.length - 1] += ` ${line.trim()}`;
    } else if (block?.kind === 'paragraph') {
      block.text += ` ${line.trim()}`;
    } else {
      block = { kind: 'paragraph', text: line.trim() };
      currentSection().blocks.push(block);
    }
  });
  if (!title) fail(1, 'la notice commence par son titre, « # Information … »');
  if (sections.every((part) => part.blocks.length === 0)) fail(1, 'la notice est vide');
  return { title, sections };
}

export function loadNoticeTemplate(file: string): NoticeTemplate {
  let markdown: string;
  try {
    markdown = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`NOTICE_FILE : impossible de lire ${file} (${error instanceof Error ? error.message : error})`);
  }
  return parseNoticeTemplate(markdown, file);
}

/** The notice for a reader: placeholders replaced by their platform's name, département, académie and retention. */
export function renderNotice(template: NoticeTemplate, values: NoticeValues): Notice {
  const fill = (text: string) => text.replace(PLACEHOLDER, (_match, name: keyof NoticeValues) => values[name]);
  return {
    title: fill(template.title),
    sections: template.sections.map((section) => ({
      heading: fill(section.heading),
      blocks: section.blocks.map((block) =>
        block.kind === 'paragraph'
          ? { kind: 'paragraph', text: fill(block.text) }
          : { kind: 'list', items: block.items.map(fill) },
      ),
    })),
  };
}

/** The values of a platform's notice (an agent of no platform, the admin, reads it with generic words). */
export function noticeValues(
  platform: { name: string; departement: string; academie: string } | null,
  retentionYears: number,
): NoticeValues {
  return {
    plateforme: platform?.name ?? 'votre plateforme de suivi et d’appui aux décrocheurs',
    departement: platform?.departement ?? 'votre département',
    academie: platform?.academie ?? 'votre académie',
    duree_conservation: retentionYears > 1 ? `${retentionYears} ans` : `${retentionYears} an`,
  };
}
