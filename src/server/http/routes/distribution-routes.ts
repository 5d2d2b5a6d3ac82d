import type { FastifyInstance } from 'fastify';
import {
  bulkAssignmentSchema,
  DISTRIBUTION_LIST_LIMIT,
  distributionFiltersSchema,
  matchesDistributionFilters,
  type BulkAssignmentResponse,
  type DistributionCasesResponse,
} from '../../../domain/distribution';
import type { Clock } from '../../auth/actor';
import { requireCoordinator } from '../../auth/scope';
import { platformDay } from '../../privacy/retention-dates';
import type { Database } from '../../store/database';
import { listAdvisers, listOpenCampaigns, listOpenCases, listOtherPlatforms } from '../../store/distribution-repo';
import { assignCases } from '../../sync/reassign';
import { actorOf } from '../authenticate';
import { parseBody } from '../errors';

const COORDINATOR_ONLY = 'Réservé au responsable de la plateforme';
const byName = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/**
 * /api/distribution: the coordinator distributes the platform's open cases
 * (read and written on the endpoint, at a desk; nothing of it is kept on
 * the device). Every route is the platform's coordinator's alone.
 */
export function registerDistributionRoutes(app: FastifyInstance, options: { db: Database; clock: Clock }): void {
  const { db } = options;

  /** The platform's open cases matching the filters, by name, at most DISTRIBUTION_LIST_LIMIT of them. */
  app.get('/api/distribution/cases', async (request): Promise<DistributionCasesResponse> => {
    const platformId = requireCoordinator(actorOf(request), COORDINATOR_ONLY);
    const filters = parseBody(distributionFiltersSchema, request.query);
    const today = platformDay(options.clock());
    const [rows, campaigns] = await Promise.all([
      listOpenCases(db, platformId, filters),
      listOpenCampaigns(db, platformId),
    ]);
    const matching = rows
      .filter((row) => matchesDistributionFilters(row, filters, today))
      .sort(
        (a, b) =>
          byName.compare(a.lastName, b.lastName) ||
          byName.compare(a.firstNames, b.firstNames) ||
          (a.id < b.id ? -1 : 1),
      );
    return { cases: matching.slice(0, DISTRIBUTION_LIST_LIMIT), total: matching.length, campaigns };
  });

  /** Who can be given cases, with how many open cases each follows now. */
  app.get('/api/distribution/advisers', async (request) => {
    const platformId = requireCoordinator(actorOf(request), COORDINATOR_ONLY);
    return { advisers: await listAdvisers(db, platformId) };
  });

  /** Where a case can be transferred: the other platforms. */
  app.get('/api/distribution/platforms', async (request) => {
    const platformId = requireCoordinator(actorOf(request), COORDINATOR_ONLY);
    return { platforms: await listOtherPlatforms(db, platformId) };
  });

  /** A batch of cases to one adviser, all or none (see assignCases). */
  app.post('/api/distribution/assign', async (request): Promise<BulkAssignmentResponse> => {
    const actor = actorOf(request);
    requireCoordinator(actor, 'Seul le responsable de la plateforme attribue les dossiers');
    const body = parseBody(bulkAssignmentSchema, request.body);
    return assignCases(db, actor, body, options.clock);
  });
}
