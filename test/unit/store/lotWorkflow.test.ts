import { describe, expect, it } from 'vitest';
import { LOT_TRANSITIONS, type LotStatus } from '../../../main/store/repositories/lots';
import { unwrap } from './helpers';
import { request, startLot, stationFixture } from './stationFixtures';

const STATUSES: readonly LotStatus[] = ['open', 'running', 'awaiting_qa', 'approved', 'rejected', 'closed'];

describe('lot status transitions', () => {
  it('refuses every transition outside the table, naming from → to, and changes nothing', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        if (LOT_TRANSITIONS[from].includes(to)) continue;
        const { db, lot } = stationFixture();
        db.connection.prepare("UPDATE lots SET status = ?, closed_at = CASE WHEN ? = 'closed' THEN 'x' END WHERE id = ?").run(from, from, lot.id);
        const refused = db.lots.setStatus(lot.id, to);
        expect(refused).toMatchObject({ ok: false, error: { code: 'RECORD_LOT_TRANSITION_REFUSED', detail: `lot "S-1" (sample): ${from} → ${to}` } });
        expect(unwrap(db.lots.get(lot.id)).status).toBe(from);
        expect(db.events.list({ lotId: lot.id })).toEqual([]);
      }
    }
  });

  it('runs a sample lot open → running → open (pause) → running → awaiting_qa, one audit event each', () => {
    const { db, lot, engineer } = stationFixture();
    for (const to of ['running', 'open', 'running', 'awaiting_qa'] as const) expect(unwrap(db.lots.setStatus(lot.id, to, 'Ada')).status).toBe(to);
    expect(db.events.list({ lotId: lot.id }).map((e) => [e.kind, e.actor, e.payload])).toEqual([
      ['lot.status', 'Ada', { from: 'open', to: 'running' }],
      ['lot.status', 'Ada', { from: 'running', to: 'open' }],
      ['lot.status', 'Ada', { from: 'open', to: 'running' }],
      ['lot.status', 'Ada', { from: 'running', to: 'awaiting_qa' }],
    ]);
    expect(engineer.role).toBe('engineer');
    // QA's statuses need a QA decision, not a status change.
    expect(db.lots.setStatus(lot.id, 'approved')).toMatchObject({ ok: false, error: { code: 'RECORD_LOT_DECISION_REQUIRED' } });
  });

  it('keeps production lots out of QA and off configurations that are not approved', () => {
    const { db, config, qa } = stationFixture();
    unwrap(db.configs.approve(config.id, qa.id));
    const production = unwrap(db.lots.create({ name: 'P-1', kind: 'production', configId: config.id, quantity: 5, stationId: 'x' }));
    unwrap(db.lots.setStatus(production.id, 'running'));
    expect(db.lots.setStatus(production.id, 'awaiting_qa')).toMatchObject({ ok: false, error: { code: 'RECORD_LOT_TRANSITION_REFUSED', detail: expect.stringContaining('production') } });
    unwrap(db.lots.setStatus(production.id, 'open'));
    db.connection.prepare("UPDATE product_configs SET status = 'retired' WHERE id = ?").run(config.id);
    expect(db.lots.setStatus(production.id, 'running')).toMatchObject({
      ok: false,
      error: { code: 'RECORD_CONFIG_NOT_APPROVED', detail: 'lot "P-1": product configuration "MG24 plug" v1 (id 1) is retired' },
    });
    expect(unwrap(db.lots.setStatus(production.id, 'closed')).closedAt).not.toBeNull();
  });

  it('takes this station\'s id when the lot does not name one', () => {
    const { db, config } = stationFixture();
    const lot = unwrap(db.lots.create({ name: 'S-2', kind: 'sample', configId: config.id, quantity: 1 }));
    expect(lot.stationId).toBe(db.station.stationId());
    expect(db.lots.create({ name: 'P-0', kind: 'production', configId: config.id, quantity: 1 })).toMatchObject({
      ok: false,
      error: { detail: expect.stringContaining('"MG24 plug" v1 (id 1), which is draft') },
    });
  });

  it('counts devices by status', () => {
    const { db, lot } = stationFixture();
    expect(db.lots.counts(lot.id)).toEqual({ allocated: 0, inProgress: 0, passed: 0, failed: 0, total: 0 });
    startLot(db, lot.id);
    const a = unwrap(db.allocations.allocate(request(lot.id)));
    unwrap(db.allocations.allocate(request(lot.id)));
    unwrap(db.allocations.finishAttempt(a.attemptId, { result: 'pass' }));
    expect(db.lots.counts(lot.id)).toEqual({ allocated: 0, inProgress: 1, passed: 1, failed: 0, total: 2 });
  });
});

describe('QA decisions', () => {
  function awaitingQa() {
    const fixture = stationFixture();
    unwrap(fixture.db.lots.setStatus(fixture.lot.id, 'running'));
    unwrap(fixture.db.lots.setStatus(fixture.lot.id, 'awaiting_qa'));
    return fixture;
  }

  it('approving a sample lot approves its configuration with the hash it ran, in one record', () => {
    const { db, lot, qa, config } = awaitingQa();
    const decision = unwrap(db.lotDecisions.decide({ lotId: lot.id, decision: 'approved', operatorId: qa.id }));
    expect(decision).toMatchObject({ lotId: lot.id, decision: 'approved', operatorId: qa.id, configId: config.id, configHash: config.contentHash, reason: null });
    expect(unwrap(db.lots.get(lot.id)).status).toBe('approved');
    expect(unwrap(db.configs.get(config.id))).toMatchObject({ status: 'approved', approvedBy: qa.id });
    expect(unwrap(db.lotDecisions.get(lot.id))).toEqual(decision);
    expect(db.events.list({ lotId: lot.id }).slice(-2).map((e) => [e.kind, e.actor])).toEqual([
      ['lot.status', 'Quinn'],
      ['lot.approved', 'Quinn'],
    ]);
    // Now production may use it; a second decision is refused.
    unwrap(db.lots.create({ name: 'P-1', kind: 'production', configId: config.id, quantity: 5, stationId: 'x' }));
    expect(db.lotDecisions.decide({ lotId: lot.id, decision: 'rejected', operatorId: qa.id, reason: 'changed my mind' })).toMatchObject({
      ok: false,
      error: { code: 'RECORD_LOT_TRANSITION_REFUSED', detail: expect.stringContaining('approved → rejected') },
    });
    expect(() => db.connection.prepare("UPDATE lot_decisions SET decision = 'rejected'").run()).toThrow(/append-only/);
  });

  it('only an active QA operator decides, a rejection needs a reason, and a refusal changes nothing', () => {
    const { db, lot, engineer, qa, config } = awaitingQa();
    expect(db.lotDecisions.decide({ lotId: lot.id, decision: 'approved', operatorId: engineer.id })).toMatchObject({ ok: false, error: { code: 'RECORD_QA_ROLE_REQUIRED', detail: expect.stringContaining('engineer') } });
    expect(db.lotDecisions.decide({ lotId: lot.id, decision: 'rejected', operatorId: qa.id, reason: '  ' })).toMatchObject({ ok: false, error: { code: 'RECORD_REASON_REQUIRED' } });
    expect(unwrap(db.lots.get(lot.id)).status).toBe('awaiting_qa');
    expect(db.lotDecisions.get(lot.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const rejected = unwrap(db.lotDecisions.decide({ lotId: lot.id, decision: 'rejected', operatorId: qa.id, reason: 'sample 3 fails read-back' }));
    expect(rejected.reason).toBe('sample 3 fails read-back');
    expect(unwrap(db.configs.get(config.id)).status).toBe('draft');
    expect(unwrap(db.lots.setStatus(lot.id, 'closed')).status).toBe('closed');
  });

  it('refuses a decision on a lot that is not awaiting QA', () => {
    const { db, lot, qa } = stationFixture();
    expect(db.lotDecisions.decide({ lotId: lot.id, decision: 'approved', operatorId: qa.id })).toMatchObject({ ok: false, error: { code: 'RECORD_LOT_TRANSITION_REFUSED', detail: expect.stringContaining('open → approved') } });
    expect(db.lotDecisions.decide({ lotId: 99, decision: 'approved', operatorId: qa.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
