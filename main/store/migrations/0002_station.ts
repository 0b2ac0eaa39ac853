/**
 * The station's records (docs/records.md): its id and per-lot serial counters, the per-device values
 * allocated before a board is touched, the issued DAC, QA inspections and lot decisions.
 *
 * Secrets: the rotating-ID unique id is kept only as its SHA-256 (enough to refuse a repeat); the
 * passcode is kept because the QR payload and manual code on the label encode it anyway, and a
 * UNIQUE index on it is what guarantees no two devices share one. No SPAKE2+ verifier is kept.
 *
 * ALTER TABLE cannot add a UNIQUE column, so uniqueness of the new device values is a UNIQUE index.
 */
import type { Migration } from '../migrations';
import { APPEND_ONLY_MARKER } from '../shared';

const HEX = (column: string): string => `${column} NOT GLOB '*[^0-9A-F]*'`;

const appendOnly = (table: string): string => `
  CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
  BEGIN
    SELECT RAISE(ABORT, '${table} are ${APPEND_ONLY_MARKER}: a record cannot be changed');
  END;
  CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
  BEGIN
    SELECT RAISE(ABORT, '${table} are ${APPEND_ONLY_MARKER}: a record cannot be deleted');
  END;`;

export const stationSchema: Migration = {
  version: 2,
  name: 'station',
  up(db) {
    db.exec(`
      -- One row: this station's id, drawn once ("ST-" + 6 upper-case hex digits) and kept.
      CREATE TABLE station (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        station_id  TEXT NOT NULL CHECK (length(station_id) BETWEEN 1 AND 16 AND station_id NOT GLOB '*[^0-9A-Za-z-]*'),
        created_at  TEXT NOT NULL
      ) STRICT;
      INSERT INTO station (id, station_id, created_at)
      VALUES (1, 'ST-' || upper(hex(randomblob(3))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

      -- The last device sequence number used in each lot ({seq} of the serial-number pattern).
      CREATE TABLE lot_sequences (
        lot_id    INTEGER PRIMARY KEY REFERENCES lots(id),
        last_seq  INTEGER NOT NULL CHECK (last_seq >= 1)
      ) STRICT;

      ALTER TABLE devices ADD COLUMN passcode INTEGER CHECK (passcode BETWEEN 1 AND 99999998);
      -- SHA-256 (upper-case hex) of the rotating-ID unique id; the clear value leaves with the board only.
      ALTER TABLE devices ADD COLUMN unique_id_sha256 TEXT CHECK (length(unique_id_sha256) = 64 AND ${HEX('unique_id_sha256')});
      -- SPAKE2+ salt, base64.
      ALTER TABLE devices ADD COLUMN salt TEXT CHECK (length(salt) BETWEEN 4 AND 64);
      ALTER TABLE devices ADD COLUMN spake2p_iterations INTEGER CHECK (spake2p_iterations BETWEEN 1000 AND 100000);
      -- The issued DAC exactly as signed, for the DAC bundle and the read-back byte comparison.
      ALTER TABLE devices ADD COLUMN dac_der BLOB CHECK (length(dac_der) BETWEEN 1 AND 2048);
      CREATE UNIQUE INDEX devices_passcode ON devices(passcode);
      CREATE UNIQUE INDEX devices_unique_id_sha256 ON devices(unique_id_sha256);
      -- Allocation counts a lot's passed and in-progress devices on every draw.
      CREATE INDEX devices_lot_status ON devices(lot_id, status);

      -- The chip the attempt found (EUI-64); a retry of the same serial may meet another board.
      ALTER TABLE device_attempts ADD COLUMN unique_chip_id TEXT CHECK (length(unique_chip_id) = 16 AND ${HEX('unique_chip_id')});
      CREATE INDEX device_attempts_in_progress ON device_attempts(result) WHERE result = 'in_progress';

      -- QA read-backs. device_id is NULL when the board read back matches no record of this station.
      CREATE TABLE inspections (
        id              INTEGER PRIMARY KEY,
        device_id       INTEGER REFERENCES devices(id),
        unique_chip_id  TEXT CHECK (length(unique_chip_id) = 16 AND ${HEX('unique_chip_id')}),
        dac_serial      TEXT CHECK (length(dac_serial) BETWEEN 1 AND 40 AND ${HEX('dac_serial')}),
        result          TEXT NOT NULL CHECK (result IN ('pass', 'fail')),
        -- [{ "name", "result", "detail"? }, …] as the read-back service reports them.
        checks          TEXT NOT NULL CHECK (json_valid(checks)),
        operator_id     INTEGER REFERENCES operators(id),
        station_id      TEXT NOT NULL,
        probe           TEXT NOT NULL CHECK (length(probe) > 0),
        at              TEXT NOT NULL
      ) STRICT;
      CREATE INDEX inspections_device ON inspections(device_id);
      ${appendOnly('inspections')}

      -- A QA decision on a sample lot: at most one per lot, with the configuration hash it froze.
      CREATE TABLE lot_decisions (
        id           INTEGER PRIMARY KEY,
        lot_id       INTEGER NOT NULL UNIQUE REFERENCES lots(id),
        decision     TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
        operator_id  INTEGER NOT NULL REFERENCES operators(id),
        config_id    INTEGER NOT NULL REFERENCES product_configs(id),
        config_hash  TEXT NOT NULL CHECK (length(config_hash) = 64),
        reason       TEXT,
        at           TEXT NOT NULL,
        CHECK (decision = 'approved' OR length(trim(reason)) > 0)
      ) STRICT;
      ${appendOnly('lot_decisions')}
    `);
  },
};
