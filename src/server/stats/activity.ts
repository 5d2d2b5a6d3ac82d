import type { ActivityResponse } from '../../domain/activity-stats';
import { activityQuerySchema } from '../../domain/activity-stats';
import type { Actor } from '../auth/actor';
import { HttpError } from '../http/http-error';
import { readActivity } from '../store/activity-repo';
import { findAgentNames } from '../store/case-file-repo';
import { findAgentById, findPlatform } from '../store/agents-repo';
import type { Database } from '../store/database';

type ActivityRequest = ReturnType<typeof activityQuerySchema.parse>;

const invalidField = (path: string, message: string) =>
  new HttpError(400, 'invalid_request', 'Requête invalide', [{ path, message }]);

/** The scope of a bilan, with the name it goes by (the CSV's first line, its file name). */
export interface ActivityScopeOf {
  platformId: string | null;
  agentId: string | null;
  name: string;
}

/**
 * Who reads which bilan:
 * 1. a coordinator, their own platform's (another platform is refused);
 * 2. an admin, any platform's, or every platform's when none is named;
 * 3. nobody else (an adviser's own figures are on their devices).
 * A referent named must be an agent of that platform.
 */
export async function activityScope(db: Database, actor: Actor, query: ActivityRequest): Promise<ActivityScopeOf> {
  let platformId: string | null;
  if (actor.role === 'coordinateur' && actor.platformId) {
    if (query.platformId && query.platformId !== actor.platformId) {
      throw new HttpError(403, 'forbidden', 'Vous ne consultez que l’activité de votre plateforme');
    }
    platformId = actor.platformId; // step 1
  } else if (actor.role === 'admin') {
    platformId = query.platformId || null; // step 2
  } else {
    throw new HttpError(403, 'forbidden', 'Réservé au responsable de la plateforme et à l’administration'); // step 3
  }
  const platform = platformId ? await findPlatform(db, platformId) : null;
  if (platformId && !platform) throw invalidField('platformId', 'Plateforme inconnue');
  let name = platform?.name ?? 'Toutes les plateformes';
  if (query.agentId) {
    const agent = await findAgentById(db, query.agentId);
    if (!agent || (platformId && agent.platformId !== platformId)) {
      throw invalidField('agentId', 'Agent inconnu sur cette plateforme');
    }
    name = `${name} – ${agent.displayName}`;
  }
  return { platformId, agentId: query.agentId || null, name };
}

/** The bilan of a period in a scope, with the referents' names, those with activity by name. */
export async function activityOf(
  db: Database,
  scope: ActivityScopeOf,
  period: { from: string; to: string },
): Promise<ActivityResponse> {
  const activity = await readActivity(db, { ...period, platformId: scope.platformId, agentId: scope.agentId });
  const names = await findAgentNames(
    db,
    activity.byAgent.flatMap((entry) => (entry.agentId ? [entry.agentId] : [])),
  );
  const byAgent = activity.byAgent
    .map((entry) => ({
      ...entry,
      agentName: entry.agentId ? (names[entry.agentId] ?? 'Agent inconnu') : 'Non attribué',
    }))
    .sort((a, b) => (a.agentId === null ? 1 : b.agentId === null ? -1 : a.agentName.localeCompare(b.agentName, 'fr')));
  return { ...activity, byAgent };
}
