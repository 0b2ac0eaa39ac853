/**
 * The Lots screen's answers: lots with their progress, yield and QA decision, the saved product
 * configurations a lot can be made on, making a lot (engineer) and QA's decision on a sample lot.
 * Roles are checked here, in main; the store enforces the workflow (which status may follow which,
 * a reason for a rejection, approval freezing the configuration), and its errors pass through unchanged.
 */
import type { MatterlineHandlers } from '../../preload/contract';
import type { Caller } from '../../preload/contract/define';
import { success, type Result } from '../../preload/contract/errors';
import type { ConfigurationSummary, LotSummary } from '../../preload/contract/lots';
import type { OperatorRole } from '../../preload/contract/session';
import type { JsonValue } from '../store/canonicalJson';
import type { StationDatabase } from '../store/database';
import type { ProductConfigRecord } from '../store/repositories/configs';
import type { Lot } from '../store/repositories/lots';
import type { EventBus } from './eventBus';
import { ANY_ROLE, signedInWithDatabase, type SessionRegistry } from './sessions';

export type LotsHandlers = MatterlineHandlers['lots'];

export interface LotsHandlerOptions {
  /** The station database (the main process's one connection). */
  readonly database: () => Result<StationDatabase>;
  readonly sessions: SessionRegistry;
  readonly events: EventBus;
}


export function createLotsHandlers(options: LotsHandlerOptions): LotsHandlers {
  const { sessions, events } = options;

  const signedIn = (caller: Caller, roles: readonly OperatorRole[], action: string) => signedInWithDatabase(sessions, options.database, caller, roles, action);

  return {
    list: (_input, caller) => {
      const ready = signedIn(caller, ANY_ROLE, 'listing lots');
      if (!ready.ok) return ready;
      const { db } = ready.value;
      const names = operatorNames(db);
      const configs = new Map(db.configs.list().map((record) => [record.id, configurationSummary(record)]));
      const summaries: LotSummary[] = [];
      for (const lot of db.lots.list()) {
        const configuration = configs.get(lot.configId);
        // A lot's configuration cannot be deleted (foreign key), so this only guards against a torn read.
        if (configuration === undefined) continue;
        summaries.push(lotSummary(db, lot, configuration, names));
      }
      return success(summaries);
    },

    configurations: (_input, caller) => {
      const ready = signedIn(caller, ANY_ROLE, 'listing product configurations');
      if (!ready.ok) return ready;
      return success(ready.value.db.configs.list().map(configurationSummary));
    },

    create: (input, caller) => {
      const ready = signedIn(caller, ['engineer'], `creating lot "${input.name}"`);
      if (!ready.ok) return ready;
      const { db, operator } = ready.value;
      const notes = input.notes?.trim() ?? '';
      const created = db.transaction((): Result<Lot> => {
        const lot = db.lots.create({
          name: input.name,
          kind: input.kind,
          configId: input.configurationId,
          quantity: input.quantity,
          stationId: db.station.stationId(),
          createdBy: operator.id,
          notes: notes === '' ? null : notes,
        });
        if (!lot.ok) return lot;
        const event = db.events.append(
          'lot.created',
          operator.name,
          { kind: lot.value.kind, quantity: lot.value.quantity, configId: lot.value.configId, configHash: lot.value.configHash },
          { lotId: lot.value.id },
        );
        return event.ok ? lot : event;
      });
      if (!created.ok) return created;
      return announce(db, created.value);
    },

    decide: (input, caller) => {
      const ready = signedIn(caller, ['qa'], `${input.decision === 'approved' ? 'approving' : 'rejecting'} lot ${input.lotId}`);
      if (!ready.ok) return ready;
      const { db, operator } = ready.value;
      const decided = db.lotDecisions.decide({ lotId: input.lotId, decision: input.decision, operatorId: operator.id, reason: input.reason ?? null });
      if (!decided.ok) return decided;
      const lot = db.lots.get(input.lotId);
      return lot.ok ? announce(db, lot.value) : lot;
    },
  };

  /** The lot's summary, pushed to every window as `lots.changed` and returned to the caller. */
  function announce(db: StationDatabase, lot: Lot): Result<LotSummary> {
    const summary = summarizeLot(db, lot);
    if (summary.ok) events.emit('lots.changed', summary.value);
    return summary;
  }
}

/** One lot's summary as the window shows it (also for the station's run, which changes lots too). */
export function summarizeLot(db: StationDatabase, lot: Lot): Result<LotSummary> {
  const config = db.configs.get(lot.configId);
  if (!config.ok) return config;
  return success(lotSummary(db, lot, configurationSummary(config.value), operatorNames(db)));
}

function lotSummary(db: StationDatabase, lot: Lot, configuration: ConfigurationSummary, names: ReadonlyMap<number, string>): LotSummary {
  const counts = db.lots.counts(lot.id);
  const decision = db.lotDecisions.get(lot.id);
  return {
    id: lot.id,
    name: lot.name,
    kind: lot.kind,
    status: lot.status,
    quantity: lot.quantity,
    passed: counts.passed,
    failed: counts.failed,
    inProgress: counts.inProgress,
    yield: lotYield(counts.passed, counts.failed),
    configuration,
    configHash: lot.configHash,
    createdAt: lot.createdAt,
    notes: lot.notes,
    decision: decision.ok
      ? {
          decision: decision.value.decision,
          operator: names.get(decision.value.operatorId) ?? `operator ${decision.value.operatorId}`,
          reason: decision.value.reason,
          at: decision.value.at,
        }
      : null,
  };
}

/** passed ÷ (passed + failed); null until a device has finished. */
export function lotYield(passed: number, failed: number): number | null {
  const finished = passed + failed;
  return finished === 0 ? null : passed / finished;
}

function operatorNames(db: StationDatabase): ReadonlyMap<number, string> {
  return new Map(db.operators.list().map((operator) => [operator.id, operator.name]));
}

/**
 * A saved configuration's content is { config, files } (main/station/productConfigs.ts). It is read
 * defensively: a row written by another tool must still list, with blanks rather than a crash.
 */
export function configurationSummary(record: ProductConfigRecord): ConfigurationSummary {
  const config = member(record.content, 'config');
  const matter = member(config, 'matter');
  return {
    id: record.id,
    name: record.name,
    version: record.version,
    status: record.status,
    contentHash: record.contentHash,
    partNumber: text(member(config, 'part')),
    vendorId: wholeNumber(member(matter, 'vendorId')),
    productId: wholeNumber(member(matter, 'productId')),
  };
}

function member(value: JsonValue | undefined, key: string): JsonValue | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, JsonValue | undefined>)[key] : undefined;
}

function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function wholeNumber(value: JsonValue | undefined): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : 0;
}
