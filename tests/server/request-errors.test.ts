import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src/domain/auth-messages';
import { PROTOCOL_VERSION } from '../../src/domain/sync-messages';
import { youngPerson } from '../support/server/fixture';
import { bearer, createMutation, useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

const UPGRADE_MESSAGE = "Cette version de l'application est trop ancienne : mettez-la à jour pour synchroniser";

describe.each(backends)('malformed sync requests on %s', (backend) => {
  const t = useTestApp(backend);

  it('answers 426 to another protocol version, on push and pull, and writes nothing', async () => {
    const device = await t.login('conseiller');
    const before = await t.counts();

    const push = await t.push(device, [createMutation(1, youngPerson({ id: randomUUID() }))], {
      protocolVersion: PROTOCOL_VERSION + 1,
    });
    const pull = await t.pull(device, { protocolVersion: PROTOCOL_VERSION - 1 });

    for (const response of [push, pull]) {
      expect(response.statusCode).toBe(426);
      expect(response.json()).toEqual({ error: 'upgrade_required', message: UPGRADE_MESSAGE });
    }
    expect(await t.counts()).toEqual(before);
  });

  it('answers 426, not 400, to another protocol version whose body has another shape', async () => {
    const device = await t.login('conseiller');
    const response = await t.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(device.token),
      payload: { protocolVersion: PROTOCOL_VERSION + 1, device: device.deviceId, batches: [] },
    });
    expect(response.statusCode).toBe(426);
    expect(response.json().message).toBe(UPGRADE_MESSAGE);
  });

  it.each(['/api/sync/push', '/api/sync/pull'])(
    'answers 400 with a French message to malformed JSON on %s, and writes nothing',
    async (url) => {
      const device = await t.login('conseiller');
      const before = await t.counts();

      const response = await t.inject({
        method: 'POST',
        url,
        headers: { ...bearer(device.token), 'content-type': 'application/json' },
        payload: `{"protocolVersion": ${PROTOCOL_VERSION}, "deviceId": "${device.deviceId}", "mutations": [`,
      });

      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: 'invalid_json', message: 'Corps de requête JSON invalide' });
      expect(await t.counts()).toEqual(before);
    },
  );

  it('answers 400 listing each field of a push that does not match the protocol, and writes nothing', async () => {
    const device = await t.login('conseiller');
    const before = await t.counts();
    const valid = createMutation(1, youngPerson({ id: randomUUID() }));
    const { mutationId: _id, ...withoutId } = valid;

    const response = await t.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(device.token),
      payload: {
        protocolVersion: PROTOCOL_VERSION,
        mutations: [valid, { ...valid, seq: 0 }, withoutId, { ...valid, op: 'rename' }],
      },
    });

    expect(response.statusCode).toBe(400);
    const body = apiErrorSchema.parse(response.json());
    expect(body).toMatchObject({ error: 'invalid_request', message: 'Requête invalide' });
    expect(body.issues?.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['deviceId', 'mutations.1.seq', 'mutations.2.mutationId', 'mutations.3.op']),
    );
    expect(await t.counts()).toEqual(before);
    expect(await t.storedRecord(valid.recordId)).toBeUndefined();
  });

  it('answers 400 to a pull asking for too large a page', async () => {
    const device = await t.login('conseiller');
    const response = await t.pull(device, { limit: 100_000 });
    expect(response.statusCode).toBe(400);
    expect(apiErrorSchema.parse(response.json()).issues?.map((issue) => issue.path)).toEqual(['limit']);
  });
});
