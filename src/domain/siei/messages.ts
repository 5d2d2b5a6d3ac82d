import { z } from 'zod';
import { campaign, isoDateTime, requiredText, uuid } from '../formats';
import { SIEI_COLUMNS, type SieiColumn } from './columns';
import { ROW_CATEGORIES, type RowCategory } from './plan';

/**
 * The messages of a SIEI import between the app (which reads the file) and
 * the endpoint (which matches its rows with the platform's young people).
 */

/** The most rows one import takes (a large platform's yearly list is a few thousand; SIEI sends monthly). */
export const MAX_IMPORT_ROWS = 30_000;

/** French names of the categories of rows, as the preview and the result show them. */
export const rowCategoryLabel: Record<RowCategory, string> = {
  new: 'Nouveaux jeunes',
  update: 'Mises à jour',
  unchanged: 'Déjà à jour',
  inSolution: 'Déjà en solution',
  reopen: 'Dossiers clos rouverts',
  duplicate: 'Doublons dans le fichier',
  rejected: 'Lignes rejetées',
};

/** A value of a row: absent values are left out of the message (a 20,000-row list stays small). */
const cell = z.string().max(1_000).default('');

/** One normalised row (see row.ts): the endpoint checks every value again. */
export const importRowSchema = z
  .object({
    line: z.number().int().min(1).max(10_000_000),
    ...(Object.fromEntries(SIEI_COLUMNS.map((column) => [column, cell])) as Record<SieiColumn, typeof cell>),
  })
  .strict();

const requiredCampaign = campaign.refine((value) => value !== '', {
  error: 'La campagne SIEI est obligatoire (AAAA-MM)',
});

export const importPreviewRequestSchema = z
  .object({
    campaign: requiredCampaign,
    rows: z
      .array(importRowSchema)
      .min(1, { error: 'Aucune ligne à importer' })
      .max(MAX_IMPORT_ROWS, { error: `${MAX_IMPORT_ROWS} lignes au plus par import` }),
  })
  .strict();
export type ImportPreviewRequest = z.infer<typeof importPreviewRequestSchema>;

export const importApplyRequestSchema = importPreviewRequestSchema
  .extend({
    /** Chosen by the app when the coordinator confirms: the same confirmation sent twice imports once. */
    importId: uuid,
    fileName: requiredText(255, 'Le nom du fichier'),
    /** Rows the app rejected while reading the file (recorded in the audit trail with the counts). */
    rejectedInFile: z.number().int().min(0).max(1_000_000),
  })
  .strict();
export type ImportApplyRequest = z.infer<typeof importApplyRequestSchema>;

export const importCountsSchema = z.object(
  Object.fromEntries(ROW_CATEGORIES.map((category) => [category, z.number().int().min(0)])) as Record<
    RowCategory,
    z.ZodNumber
  >,
);
export type ImportCounts = z.infer<typeof importCountsSchema>;

/** What the endpoint found for one row. */
export const rowOutcomeSchema = z.object({
  line: z.number().int(),
  category: z.enum(ROW_CATEGORIES),
  caseId: uuid.nullable(),
  /** The young person's fields the import writes (a new one: none listed). */
  fields: z.array(z.string()),
  duplicateOf: z.number().int().nullable(),
  reasons: z.array(z.string()),
});
export type RowOutcome = z.infer<typeof rowOutcomeSchema>;

export const importPreviewResponseSchema = z.object({
  counts: importCountsSchema,
  rows: z.array(rowOutcomeSchema),
});
export type ImportPreviewResponse = z.infer<typeof importPreviewResponseSchema>;

export const importApplyResponseSchema = z.object({
  importId: uuid,
  counts: importCountsSchema,
  appliedAt: isoDateTime,
  /** True when this import had already been applied (a confirmation sent again): nothing new was written. */
  replayed: z.boolean(),
});
export type ImportApplyResponse = z.infer<typeof importApplyResponseSchema>;
