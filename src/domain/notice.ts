import { z } from 'zod';

/**
 * The information notice given to a young person and their guardians
 * (purpose, legal basis, retention, rights, contact). Its text is a file the
 * platform adapts (NOTICE_FILE); the endpoint sends it as sections of
 * paragraphs and lists, shown and printed by the app, offline too.
 */
export const noticeBlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
  z.object({ kind: z.literal('list'), items: z.array(z.string()) }),
]);
export type NoticeBlock = z.infer<typeof noticeBlockSchema>;

export const noticeSectionSchema = z.object({
  /** '' for the text before the first heading. */
  heading: z.string(),
  blocks: z.array(noticeBlockSchema),
});
export type NoticeSection = z.infer<typeof noticeSectionSchema>;

export const noticeSchema = z.object({
  title: z.string(),
  sections: z.array(noticeSectionSchema),
});
export type Notice = z.infer<typeof noticeSchema>;
