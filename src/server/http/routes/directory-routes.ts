import type { FastifyInstance } from 'fastify';
import type { DirectoryResponse } from '../../../domain/directory';
import { noticeValues, renderNotice } from '../../privacy/notice';
import type { PrivacySettings } from '../../privacy/privacy-settings';
import { readCatalogueUse } from '../../store/catalogue-repo';
import type { Database } from '../../store/database';
import { findPlatform, listPlatformAgents } from '../../store/agents-repo';
import { actorOf } from '../authenticate';

/**
 * GET /api/directory: the user's platform and its agents (names and roles
 * only), the settings devices follow, the information notice (kept on
 * the device, to show it offline), and the places taken in the platform's
 * catalogue entries (counted now: devices show free places as of their last sync).
 */
export function registerDirectoryRoutes(
  app: FastifyInstance,
  options: { db: Database; privacy: PrivacySettings },
): void {
  app.get('/api/directory', async (request): Promise<DirectoryResponse> => {
    const actor = actorOf(request);
    const { privacy } = options;
    const settings = { closedCaseDeviceDays: privacy.closedCaseDeviceDays, lockMinutes: privacy.lockMinutes };
    const [platform, agents, catalogueUse] = actor.platformId
      ? await Promise.all([
          findPlatform(options.db, actor.platformId),
          listPlatformAgents(options.db, actor.platformId),
          readCatalogueUse(options.db, actor.platformId),
        ])
      : [null, [], []];
    const notice = renderNotice(privacy.notice, noticeValues(platform, privacy.retentionYears));
    return { platform, agents, settings, notice, catalogueUse };
  });
}
