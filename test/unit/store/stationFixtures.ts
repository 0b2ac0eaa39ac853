// Shared set-up for the station-side store tests: operators, a configuration, a running sample lot,
// and an allocation request whose serial pattern is "SN-" + a 5-digit sequence.
import { seededRandom } from '../../support/seededRandom';
import type { StationDatabase } from '../../../main/store/database';
import type { AllocationRequest } from '../../../main/store/repositories/allocations';
import type { LotKind } from '../../../main/store/repositories/lots';
import { openMemory, unwrap } from './helpers';

export function stationFixture(options: { seed?: number; quantity?: number; kind?: LotKind; randomBytes?: (n: number) => Uint8Array } = {}) {
  const random = seededRandom(options.seed ?? 7);
  const db = openMemory({ randomBytes: options.randomBytes ?? ((n) => random.bytes(n)) });
  const engineer = unwrap(db.operators.create({ name: 'Ada', role: 'engineer', pinHash: 'h1', pinSalt: 's1' }));
  const qa = unwrap(db.operators.create({ name: 'Quinn', role: 'qa', pinHash: 'h2', pinSalt: 's2' }));
  const config = unwrap(db.configs.createDraft({ name: 'MG24 plug', content: { vid: 0xfff1, pid: 0x8000 }, createdBy: engineer.id }));
  const lot = unwrap(db.lots.create({ name: 'S-1', kind: options.kind ?? 'sample', configId: config.id, quantity: options.quantity ?? 10, stationId: 'line-1' }));
  return { db, engineer, qa, config, lot };
}

export function request(lotId: number, overrides: Partial<AllocationRequest> = {}): AllocationRequest {
  return {
    lotId,
    probe: 'sim:0',
    operatorId: null,
    renderSerial: (sequence) => `SN-${String(sequence).padStart(5, '0')}`,
    discriminator: { mode: 'random' },
    spake2pIterations: 1000,
    saltLength: 32,
    ...overrides,
  };
}

export function startLot(db: StationDatabase, lotId: number): void {
  unwrap(db.lots.setStatus(lotId, 'running'));
}

/** Row counts of every table allocation writes to. */
export function allocationFootprint(db: StationDatabase) {
  const count = (table: string) => db.connection.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { devices: count('devices'), attempts: count('device_attempts'), events: count('events'), sequences: count('lot_sequences') };
}
