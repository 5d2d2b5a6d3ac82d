import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AGENTS, OTHER_PLATFORM, PEOPLE, PLATFORM, youngPerson, type AgentKey } from '../support/server/fixture';
import { createMutation, useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

const FORBIDDEN = "Vous n'avez pas accès à ce dossier";

describe.each(backends)('scope of each agent on %s', (backend) => {
  const t = useTestApp(backend);

  async function pulledIds(agent: AgentKey): Promise<string[]> {
    const device = await t.login(agent);
    return (await t.pullAll(device)).changes.map((change) => change.id).sort();
  }

  it('gives a conseiller or the MLDS only the young people they follow', async () => {
    expect(await pulledIds('conseiller')).toEqual([PEOPLE.alice.id, PEOPLE.bastien.id].sort());
    expect(await pulledIds('mlds')).toEqual([PEOPLE.chloe.id]);
  });

  it('gives the coordinator every young person of the platform, and none of another', async () => {
    expect(await pulledIds('coordinateur')).toEqual(
      [PEOPLE.alice.id, PEOPLE.bastien.id, PEOPLE.chloe.id, PEOPLE.david.id].sort(),
    );
  });

  it('gives an agent of another platform none of this platform', async () => {
    expect(await pulledIds('conseillerAilleurs')).toEqual([PEOPLE.emma.id]);
  });

  it("rejects a conseiller's edit of a young person followed by someone else or by no one, and changes nothing", async () => {
    const device = await t.login('conseiller');
    const chloe = (await t.storedRecord(PEOPLE.chloe.id))!;
    const david = (await t.storedRecord(PEOPLE.david.id))!;

    const response = await t.pushOk(device, [
      t.nextUpdate(device, PEOPLE.chloe.id, chloe.version, { phone: '06 39 98 00 99' }),
      t.nextUpdate(device, PEOPLE.david.id, david.version, { phone: '06 39 98 00 99' }),
    ]);

    expect(response.results).toEqual([
      expect.objectContaining({ status: 'rejected', reason: FORBIDDEN }),
      expect.objectContaining({ status: 'rejected', reason: FORBIDDEN }),
    ]);
    expect(await t.storedRecord(PEOPLE.chloe.id)).toEqual(chloe);
    expect(await t.storedRecord(PEOPLE.david.id)).toEqual(david);
  });

  it('rejects an edit from another platform', async () => {
    const device = await t.login('conseillerAilleurs');
    const alice = (await t.storedRecord(PEOPLE.alice.id))!;
    const response = await t.pushOk(device, [
      t.nextUpdate(device, PEOPLE.alice.id, alice.version, { commune: 'Toulon' }),
    ]);
    expect(response.results[0]).toMatchObject({ status: 'rejected', reason: FORBIDDEN });
    expect(await t.storedRecord(PEOPLE.alice.id)).toEqual(alice);
  });

  it("rejects a conseiller's creation assigned to a colleague, or on another platform", async () => {
    const device = await t.login('conseiller');
    const forColleague = youngPerson({ id: randomUUID(), referentId: AGENTS.mlds.id });
    const elsewhere = youngPerson({ id: randomUUID(), platformId: OTHER_PLATFORM.id });
    const unassigned = youngPerson({ id: randomUUID(), referentId: null });

    const response = await t.pushOk(device, [
      t.nextCreate(device, forColleague),
      t.nextCreate(device, elsewhere),
      t.nextCreate(device, unassigned),
    ]);

    expect(response.results.map((result) => [result.status, result.reason])).toEqual([
      ['rejected', FORBIDDEN],
      ['rejected', FORBIDDEN],
      ['rejected', FORBIDDEN],
    ]);
    for (const person of [forColleague, elsewhere, unassigned]) expect(await t.storedRecord(person.id)).toBeUndefined();
  });

  it('lets the coordinator create a young person for a conseiller, who then pulls it', async () => {
    const coordinator = await t.login('coordinateur');
    const person = youngPerson({ id: randomUUID(), platformId: PLATFORM.id, referentId: AGENTS.conseiller.id });
    const response = await t.pushOk(coordinator, [t.nextCreate(coordinator, person)]);
    expect(response.results[0]?.status).toBe('applied');
    expect(await pulledIds('conseiller')).toContain(person.id);
    expect(await pulledIds('mlds')).not.toContain(person.id);
  });

  it("refuses with 403 a push naming another device than the session's, and writes nothing", async () => {
    const conseiller = await t.login('conseiller');
    const mlds = await t.login('mlds');
    const before = await t.counts();

    const response = await t.push(conseiller, [createMutation(1, youngPerson({ id: randomUUID() }))], {
      deviceId: mlds.deviceId,
    });

    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: 'wrong_device' });
    expect(await t.counts()).toEqual(before);
  });
});
