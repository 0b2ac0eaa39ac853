import { describe, expect, it } from 'vitest';
import { configurationSummarySchema, lotSummarySchema, type LotSummary } from '../../../preload/contract/lots';
import { DEMO_PART } from '../../../main/services/demoConfiguration';
import { DEMO_PRODUCT_ID, DEMO_VENDOR_ID } from '../../../main/services/demoCredentials';
import { lotYield } from '../../../main/services/lotsHandlers';
import { runLot } from '../../../main/station/runLot';
import type { StationDatabase } from '../../../main/store/database';
import { unwrap } from '../store/helpers';
import { engineer, errorCode, nobody, qa, technician, useStationWithRoles, type RoleStation } from './stationWithRoles';

const MG24_PROBE = `sim:${DEMO_PART}`;
const stationWithRoles = useStationWithRoles();

interface Station extends RoleStation {
  /** Every `lots.changed` pushed so far. */
  readonly changed: LotSummary[];
}

/** A station with the demo configuration saved (a draft), an engineer, a QA operator and a technician signed in. */
async function station(): Promise<Station> {
  const s = await stationWithRoles();
  const changed: LotSummary[] = [];
  s.events.forwardTo((channel, payload) => {
    if (channel === 'lots.changed') changed.push(payload as LotSummary);
  });
  return { ...s, changed };
}

function sampleLot(configurationId: number, name = 'sample-1', quantity = 1) {
  return { name, kind: 'sample' as const, configurationId, quantity };
}

/** Provisions the whole lot on the simulated probe, in this process. */
async function provision(db: StationDatabase, lotId: number): Promise<void> {
  const run = unwrap(await runLot({ db, lotId, probes: [MG24_PROBE], mode: 'in-process' }));
  expect(run.complete).toBe(true);
}

describe('lots: who may do what', () => {
  it('refuses everything to a window nobody is signed in to', async () => {
    const { handlers, demoConfigId } = await station();
    expect(await errorCode(handlers.lots.list(undefined, nobody))).toBe('SESSION_REQUIRED');
    expect(await errorCode(handlers.lots.configurations(undefined, nobody))).toBe('SESSION_REQUIRED');
    expect(await errorCode(handlers.lots.create(sampleLot(demoConfigId), nobody))).toBe('SESSION_REQUIRED');
    expect(await errorCode(handlers.lots.decide({ lotId: 1, decision: 'approved' }, nobody))).toBe('SESSION_REQUIRED');
  });

  it('lets every role list lots and configurations', async () => {
    const { handlers, demoConfigId } = await station();
    unwrap(await handlers.lots.create(sampleLot(demoConfigId), engineer));
    for (const caller of [engineer, qa, technician]) {
      expect(unwrap(await handlers.lots.list(undefined, caller)).map((lot) => lot.name)).toEqual(['sample-1']);
      expect(unwrap(await handlers.lots.configurations(undefined, caller)).map((config) => config.id)).toEqual([demoConfigId]);
    }
  });

  it('lets only an engineer create a lot', async () => {
    const { handlers, db, demoConfigId, changed } = await station();
    expect(await errorCode(handlers.lots.create(sampleLot(demoConfigId, 'by-qa'), qa))).toBe('SESSION_ROLE_FORBIDDEN');
    expect(await errorCode(handlers.lots.create(sampleLot(demoConfigId, 'by-tech'), technician))).toBe('SESSION_ROLE_FORBIDDEN');
    expect(db.lots.list()).toEqual([]);
    expect(changed).toEqual([]);
    expect(unwrap(await handlers.lots.create(sampleLot(demoConfigId, 'by-engineer'), engineer)).name).toBe('by-engineer');
  });

  it('lets only QA decide', async () => {
    const { handlers, db, demoConfigId } = await station();
    const lot = unwrap(await handlers.lots.create(sampleLot(demoConfigId), engineer));
    await provision(db, lot.id);
    for (const caller of [engineer, technician]) {
      expect(await errorCode(handlers.lots.decide({ lotId: lot.id, decision: 'approved' }, caller))).toBe('SESSION_ROLE_FORBIDDEN');
    }
    expect(unwrap(db.lots.get(lot.id)).status).toBe('awaiting_qa');
    expect(unwrap(await handlers.lots.decide({ lotId: lot.id, decision: 'approved' }, qa)).status).toBe('approved');
  });
});

describe('lots: making and listing', () => {
  it('lists the saved configurations with part, VID and PID from their content', async () => {
    const { handlers, db, demoConfigId } = await station();
    const [summary] = unwrap(await handlers.lots.configurations(undefined, technician));
    expect(summary).toEqual({
      id: demoConfigId,
      name: 'Matterline demo light',
      version: 1,
      status: 'draft',
      contentHash: unwrap(db.configs.get(demoConfigId)).contentHash,
      partNumber: DEMO_PART,
      vendorId: DEMO_VENDOR_ID,
      productId: DEMO_PRODUCT_ID,
    });
    expect(configurationSummarySchema.parse(summary)).toEqual(summary);
  });

  it('makes a sample lot on this station by the engineer, announces it and lists its progress and yield', async () => {
    const { handlers, db, demoConfigId, changed } = await station();
    const created = unwrap(await handlers.lots.create({ ...sampleLot(demoConfigId, 'first samples', 2), notes: '  two boards from the pilot run ' }, engineer));
    expect(created).toMatchObject({
      name: 'first samples',
      kind: 'sample',
      status: 'open',
      quantity: 2,
      passed: 0,
      failed: 0,
      inProgress: 0,
      yield: null,
      notes: 'two boards from the pilot run',
      decision: null,
      configuration: { id: demoConfigId, status: 'draft' },
      configHash: unwrap(db.configs.get(demoConfigId)).contentHash,
    });
    const record = unwrap(db.lots.get(created.id));
    const erin = unwrap(db.operators.findByName('Erin'));
    expect(record).toMatchObject({ createdBy: erin.id, stationId: db.station.stationId() });
    expect(changed).toEqual([created]);
    expect(db.events.list().filter((event) => event.kind === 'lot.created')).toMatchObject([{ actor: 'Erin', lotId: created.id }]);

    await provision(db, created.id);
    const [listed] = unwrap(await handlers.lots.list(undefined, technician));
    expect(listed).toMatchObject({ id: created.id, status: 'awaiting_qa', quantity: 2, passed: 2, failed: 0, inProgress: 0, yield: 1 });
    // What the window receives must match the contract (the dispatcher's schema).
    expect(lotSummarySchema.parse(listed)).toEqual(listed);
  });

  it('refuses a duplicate name with the store error and announces nothing', async () => {
    const { handlers, db, demoConfigId, changed } = await station();
    unwrap(await handlers.lots.create(sampleLot(demoConfigId), engineer));
    const duplicate = await handlers.lots.create(sampleLot(demoConfigId), engineer);
    expect(!duplicate.ok && duplicate.error.code).toBe('DB_DUPLICATE');
    expect(db.lots.list()).toHaveLength(1);
    expect(changed).toHaveLength(1);
  });

  it('refuses a production lot on a draft configuration, and accepts it once QA approved a sample lot', async () => {
    const { handlers, db, demoConfigId, changed } = await station();
    const production = { name: 'production-1', kind: 'production' as const, configurationId: demoConfigId, quantity: 5 };
    const refused = await handlers.lots.create(production, engineer);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('RECORD_CONFIG_NOT_APPROVED');
    expect(refused.error.detail).toContain(`product configuration "Matterline demo light" v1 (id ${demoConfigId}), which is draft`);
    expect(db.lots.list()).toEqual([]);

    const sample = unwrap(await handlers.lots.create(sampleLot(demoConfigId), engineer));
    await provision(db, sample.id);
    const approved = unwrap(await handlers.lots.decide({ lotId: sample.id, decision: 'approved' }, qa));
    expect(approved).toMatchObject({ status: 'approved', configuration: { status: 'approved' }, decision: { decision: 'approved', operator: 'Quinn', reason: null } });
    expect(changed.at(-1)).toEqual(approved);

    const made = unwrap(await handlers.lots.create(production, engineer));
    expect(made).toMatchObject({ kind: 'production', status: 'open', quantity: 5, configuration: { id: demoConfigId, status: 'approved' } });
  });
});

describe('lots: QA decision', () => {
  it('refuses a rejection without a reason, then records one with its reason', async () => {
    const { handlers, db, demoConfigId, changed } = await station();
    const sample = unwrap(await handlers.lots.create(sampleLot(demoConfigId), engineer));
    await provision(db, sample.id);
    const announced = changed.length;
    for (const reason of [undefined, '   ']) {
      const refused = await handlers.lots.decide({ lotId: sample.id, decision: 'rejected', ...(reason === undefined ? {} : { reason }) }, qa);
      expect(!refused.ok && refused.error.code).toBe('RECORD_REASON_REQUIRED');
    }
    expect(unwrap(db.lots.get(sample.id)).status).toBe('awaiting_qa');
    expect(changed).toHaveLength(announced);

    const rejected = unwrap(await handlers.lots.decide({ lotId: sample.id, decision: 'rejected', reason: 'Label QR does not scan on sample 1.' }, qa));
    expect(rejected).toMatchObject({
      status: 'rejected',
      configuration: { status: 'draft' },
      decision: { decision: 'rejected', operator: 'Quinn', reason: 'Label QR does not scan on sample 1.', at: expect.any(String) },
    });
    expect(changed.at(-1)).toEqual(rejected);
    expect(lotSummarySchema.parse(rejected)).toEqual(rejected);
    expect(unwrap(await handlers.lots.list(undefined, engineer))[0]).toEqual(rejected);
  });

  it('refuses a decision on a lot that is not awaiting QA', async () => {
    const { handlers, demoConfigId } = await station();
    const open = unwrap(await handlers.lots.create(sampleLot(demoConfigId), engineer));
    expect(await errorCode(handlers.lots.decide({ lotId: open.id, decision: 'approved' }, qa))).toBe('RECORD_LOT_TRANSITION_REFUSED');
    expect(await errorCode(handlers.lots.decide({ lotId: 999, decision: 'approved' }, qa))).toBe('NOT_FOUND');
  });
});

describe('lot yield', () => {
  it('is passed over finished devices, and unknown before any finished', () => {
    expect(lotYield(0, 0)).toBeNull();
    expect(lotYield(3, 1)).toBe(0.75);
    expect(lotYield(0, 2)).toBe(0);
  });
});
