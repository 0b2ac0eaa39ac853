/**
 * The first schema. Tables are STRICT so a wrong type is refused rather than stored; every status is
 * a CHECKed word; identifiers that leave the station (serial number, DAC serial) are UNIQUE.
 * Timestamps are ISO 8601 UTC text. Nothing here is ever deleted: records are closed, retired or
 * deactivated, so foreign keys stay valid for the audit trail.
 */
import type { Migration } from '../migrations';
import { APPEND_ONLY_MARKER } from '../shared';

const HEX = (column: string): string => `${column} NOT GLOB '*[^0-9A-F]*'`;

export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE operators (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
        role        TEXT NOT NULL CHECK (role IN ('technician', 'qa', 'engineer')),
        -- The PIN's key-derivation output and salt (hex); the sign-in code owns the KDF.
        pin_hash    TEXT NOT NULL CHECK (length(pin_hash) > 0),
        pin_salt    TEXT NOT NULL CHECK (length(pin_salt) > 0),
        active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE product_configs (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
        version       INTEGER NOT NULL CHECK (version >= 1),
        content       TEXT NOT NULL CHECK (json_valid(content)),
        -- SHA-256 hex of the canonical JSON of content; lots copy it, QA approval freezes it.
        content_hash  TEXT NOT NULL CHECK (length(content_hash) = 64),
        status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'retired')),
        approved_by   INTEGER REFERENCES operators(id),
        approved_at   TEXT,
        -- NULL: made by automation (command line) without a signed-in operator.
        created_by    INTEGER REFERENCES operators(id),
        created_at    TEXT NOT NULL,
        UNIQUE (name, version),
        CHECK ((approved_by IS NULL) = (approved_at IS NULL)),
        CHECK (status <> 'approved' OR approved_at IS NOT NULL)
      ) STRICT;

      -- A change of content is a new version; editing a row in place would undo an approval unseen.
      CREATE TRIGGER product_configs_content_immutable
      BEFORE UPDATE OF content, content_hash, name, version ON product_configs
      BEGIN
        SELECT RAISE(ABORT, 'product configuration content is immutable: save a new version');
      END;

      CREATE TABLE lots (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        kind         TEXT NOT NULL CHECK (kind IN ('sample', 'production')),
        config_id    INTEGER NOT NULL REFERENCES product_configs(id),
        -- The configuration's content hash when the lot was made: what the lot was really run with.
        config_hash  TEXT NOT NULL CHECK (length(config_hash) = 64),
        quantity     INTEGER NOT NULL CHECK (quantity > 0),
        status       TEXT NOT NULL DEFAULT 'open'
                     CHECK (status IN ('open', 'running', 'awaiting_qa', 'approved', 'rejected', 'closed')),
        station_id   TEXT NOT NULL,
        created_by   INTEGER REFERENCES operators(id),
        created_at   TEXT NOT NULL,
        closed_at    TEXT,
        notes        TEXT,
        CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      ) STRICT;
      CREATE INDEX lots_config ON lots(config_id);
      CREATE INDEX lots_status ON lots(status);

      -- No passcode, SPAKE2+ verifier or rotating-ID unique id is kept. The QR payload and manual
      -- code do encode the passcode, but they are printed on the label and the lot report needs them.
      CREATE TABLE devices (
        id              INTEGER PRIMARY KEY,
        lot_id          INTEGER NOT NULL REFERENCES lots(id),
        -- Matter's SerialNumber attribute holds at most 32 characters.
        serial_number   TEXT NOT NULL UNIQUE CHECK (length(serial_number) BETWEEN 1 AND 32),
        -- EUI-64 read from DEVINFO, 16 upper-case hex digits. Not unique: a reworked chip gets a
        -- new device record, and the history of the old one stays.
        unique_chip_id  TEXT CHECK (length(unique_chip_id) = 16 AND ${HEX('unique_chip_id')}),
        -- The DAC's certificate serial number (upper-case hex, at most 20 bytes) and subject key id.
        dac_serial      TEXT UNIQUE CHECK (length(dac_serial) BETWEEN 1 AND 40 AND ${HEX('dac_serial')}),
        dac_skid        TEXT CHECK (length(dac_skid) = 40 AND ${HEX('dac_skid')}),
        discriminator   INTEGER CHECK (discriminator BETWEEN 0 AND 4095),
        qr_payload      TEXT CHECK (qr_payload GLOB 'MT:*'),
        manual_code     TEXT CHECK (length(manual_code) IN (11, 21) AND manual_code NOT GLOB '*[^0-9]*'),
        status          TEXT NOT NULL DEFAULT 'allocated'
                        CHECK (status IN ('allocated', 'in_progress', 'passed', 'failed')),
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX devices_lot ON devices(lot_id);
      CREATE INDEX devices_unique_chip_id ON devices(unique_chip_id);

      CREATE TABLE device_attempts (
        id            INTEGER PRIMARY KEY,
        device_id     INTEGER NOT NULL REFERENCES devices(id),
        probe         TEXT NOT NULL CHECK (length(probe) > 0),
        -- NULL: a headless run without a signed-in operator.
        operator_id   INTEGER REFERENCES operators(id),
        station_id    TEXT NOT NULL,
        started_at    TEXT NOT NULL,
        finished_at   TEXT,
        result        TEXT NOT NULL DEFAULT 'in_progress'
                      CHECK (result IN ('in_progress', 'pass', 'fail', 'cancelled')),
        error_code    TEXT,
        error_detail  TEXT,
        CHECK ((result = 'in_progress') = (finished_at IS NULL)),
        CHECK (result <> 'fail' OR error_code IS NOT NULL)
      ) STRICT;
      CREATE INDEX device_attempts_device ON device_attempts(device_id);
      CREATE INDEX device_attempts_operator ON device_attempts(operator_id);

      CREATE TABLE attempt_steps (
        id           INTEGER PRIMARY KEY,
        attempt_id   INTEGER NOT NULL REFERENCES device_attempts(id),
        seq          INTEGER NOT NULL CHECK (seq >= 1),
        name         TEXT NOT NULL CHECK (length(name) > 0),
        started_at   TEXT NOT NULL,
        finished_at  TEXT,
        result       TEXT NOT NULL DEFAULT 'running' CHECK (result IN ('running', 'pass', 'fail', 'skipped')),
        detail       TEXT,
        UNIQUE (attempt_id, seq),
        CHECK ((result = 'running') = (finished_at IS NULL))
      ) STRICT;

      -- The audit log. hash = SHA-256(prev_hash || canonical record), see repositories/events.ts.
      CREATE TABLE events (
        seq        INTEGER PRIMARY KEY CHECK (seq >= 1),
        at         TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (length(kind) > 0),
        actor      TEXT NOT NULL CHECK (length(actor) > 0),
        lot_id     INTEGER REFERENCES lots(id),
        device_id  INTEGER REFERENCES devices(id),
        payload    TEXT NOT NULL CHECK (json_valid(payload)),
        prev_hash  TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash       TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
      ) STRICT;
      CREATE INDEX events_lot ON events(lot_id);
      CREATE INDEX events_device ON events(device_id);

      -- Append-only is enforced here, not only in code, so no caller (or sqlite3 shell session that
      -- keeps the triggers) can rewrite history. The repository maps the message to DB_APPEND_ONLY.
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN
        SELECT RAISE(ABORT, 'events are ${APPEND_ONLY_MARKER}: an event cannot be changed');
      END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN
        SELECT RAISE(ABORT, 'events are ${APPEND_ONLY_MARKER}: an event cannot be deleted');
      END;

      -- One row that the database preflight check rewrites, to prove a real committed write works.
      CREATE TABLE preflight_probe (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        checked_at  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
