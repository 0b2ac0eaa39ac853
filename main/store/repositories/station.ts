/**
 * This station's identity: one id, drawn once when the database is made ("ST-" + 6 hex digits) and
 * kept, unless an engineer sets one (e.g. "LINE-1"). It goes into serial numbers, attempts and reports.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { guard, type Connection } from '../shared';

export const STATION_ID_PATTERN = /^[0-9A-Za-z-]{1,16}$/;

export interface StationRepository {
  stationId(): string;
  /** Renames the station; devices already made keep the id they were made with. */
  setStationId(stationId: string): Result<string>;
}

export function stationRepository(db: Connection): StationRepository {
  const read = db.prepare('SELECT station_id FROM station WHERE id = 1').pluck();
  const write = db.prepare('UPDATE station SET station_id = ? WHERE id = 1');
  return {
    stationId: () => read.get() as string,
    setStationId: (stationId) => {
      if (!STATION_ID_PATTERN.test(stationId)) return failure('RECORD_STATION_ID_INVALID', `station id ${JSON.stringify(stationId)}`);
      return guard(`station id ${stationId}`, () => {
        write.run(stationId);
        return success(stationId);
      });
    },
  };
}
