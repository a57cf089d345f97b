#include "sanad/server/database.h"

#include "database_impl.h"
#include "repository.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <string_view>

namespace sanad::server {
namespace {

using namespace Poco::Data::Keywords;

void applyPragmas(Poco::Data::Session& session) {
    session << "PRAGMA busy_timeout = 10000", now;
    session << "PRAGMA synchronous = FULL", now;
    session << "PRAGMA foreign_keys = OFF", now;
}

void migrateSqlite(Poco::Data::Session& session);

}  // namespace

SqliteDatabase::SqliteDatabase(const std::string& dataDir) {
    Poco::Data::SQLite::Connector::registerConnector();
    try {
        Poco::File(dataDir).createDirectories();
    } catch (const Poco::Exception& e) {
        throw StorageError("cannot create the data folder " + dataDir + ": " + e.displayText());
    }
    path_ = Poco::Path(dataDir).append("sanad.db").toString();
    try {
        Poco::Data::Session session = openSession();
        std::string mode;
        session << "PRAGMA journal_mode = WAL", into(mode), now;
        std::string check;
        session << "PRAGMA quick_check", into(check), now;
        if (check != "ok") {
            throw StorageError("integrity check failed: " + check);
        }
        migrateSqlite(session);
    } catch (const StorageError& e) {
        throw StorageError("the database " + path_ + " is damaged (" + e.message() +
                           "); it was left untouched: restore a backup or move it aside");
    } catch (const Poco::Exception& e) {
        throw StorageError("the database " + path_ + " cannot be used (" + e.displayText() +
                           "); it was left untouched: restore a backup or move it aside");
    }
}

Poco::Data::Session SqliteDatabase::openSession() const {
    Poco::Data::Session session("SQLite", path_);
    applyPragmas(session);
    return session;
}

Transaction SqliteDatabase::beginRead(Poco::Data::Session& session) const {
    return Transaction(session, "BEGIN");  // WAL: a deferred transaction reads one snapshot
}

Transaction SqliteDatabase::beginWrite(Poco::Data::Session& session) const {
    return Transaction(session, "BEGIN IMMEDIATE");
}

namespace {
void migrateSqlite(Poco::Data::Session& session) {
    int version = 0;
    session << "PRAGMA user_version", into(version), now;
    const int latest = migrationCount();
    if (version > latest) {
        throw StorageError("schema version " + std::to_string(version) +
                           " is newer than this server understands (" + std::to_string(latest) +
                           ")");
    }
    for (int v = version; v < latest; ++v) {
        Transaction migration(session, "BEGIN IMMEDIATE");
        runScript(session, migrationScript(v, "INTEGER"));
        afterScript(session, v);
        session << "PRAGMA user_version = " + std::to_string(v + 1), now;
        migration.commit();
    }
}

}  // namespace

Database::Lease::Lease(const Database& db, std::unique_ptr<Poco::Data::Session> session)
    : db_(&db), session_(std::move(session)) {}

Database::Lease::~Lease() {
    if (!session_ || !db_) {
        return;
    }
    if (!session_->isConnected()) {
        return;  // a lost connection (the database restarted) is not given back
    }
    std::lock_guard lock(db_->poolMutex_);
    if (db_->pool_.size() < 64) {
        db_->pool_.push_back(std::move(session_));
    }
}

Database::Lease Database::readSession() const {
    {
        std::lock_guard lock(poolMutex_);
        if (!pool_.empty()) {
            auto session = std::move(pool_.back());
            pool_.pop_back();
            return Lease(*this, std::move(session));
        }
    }
    return Lease(*this, std::make_unique<Poco::Data::Session>(openSession()));
}

namespace {

// Each entry moves the schema one version up. Never edit an entry once released: append.
// One text for both engines: `INT64` stands for the 64-bit integer type, INTEGER on SQLite
// (where `seq INTEGER PRIMARY KEY` is the rowid) and BIGINT on PostgreSQL; times are ms.
const char* const kMigrations[] = {
    // 1: the first schema
    R"(
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE devices (
        id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, created_at INT64 NOT NULL);
    CREATE TABLE queues (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, code TEXT NOT NULL UNIQUE,
        sort INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE known_cards (card_ref TEXT PRIMARY KEY, display_name TEXT NOT NULL);
    CREATE TABLE tickets (
        id TEXT PRIMARY KEY, number TEXT NOT NULL, queue_id TEXT NOT NULL, status TEXT NOT NULL,
        patient TEXT, card_ref TEXT, device_id TEXT NOT NULL, room TEXT,
        version INT64 NOT NULL, checked_in_at INT64 NOT NULL, created_at INT64 NOT NULL,
        updated_at INT64 NOT NULL, called_at INT64, completed_at INT64,
        day TEXT NOT NULL);
    CREATE INDEX tickets_by_queue_day ON tickets (queue_id, day, checked_in_at);
    CREATE INDEX tickets_by_card_day ON tickets (card_ref, day);
    CREATE INDEX tickets_positioned ON tickets (queue_id, day, checked_in_at, id)
        WHERE status IN ('waiting', 'called');
    CREATE TABLE changes (seq INT64 PRIMARY KEY, ticket_id TEXT NOT NULL, ticket TEXT NOT NULL);
    CREATE TABLE counters (
        queue_id TEXT NOT NULL, day TEXT NOT NULL, last INT64 NOT NULL,
        PRIMARY KEY (queue_id, day));
    CREATE TABLE number_leases (
        queue_id TEXT NOT NULL, day TEXT NOT NULL, number TEXT NOT NULL,
        device_id TEXT NOT NULL, used INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (queue_id, day, number));
    CREATE TABLE idempotency (
        device_id TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
        status INTEGER NOT NULL, body TEXT NOT NULL, created_at INT64 NOT NULL,
        PRIMARY KEY (device_id, key));
    CREATE INDEX idempotency_by_age ON idempotency (created_at);
    )",
    // 2: wire contract v1.1, the whole front-desk day. Tickets: priority, note, patient id,
    // source, the time they joined their queue's line (the line's order is urgent first, then
    // queued_at: the positioned index follows it) and their first call (the statistics' and the
    // estimate's; a recall never moves it). Cards: a patient id and when they changed (the name
    // may now be null, so the table is rebuilt: SQLite cannot drop a NOT NULL). Changes: which
    // device committed them and when (history); rows from v1 have neither. Aliases: the ticket_id
    // of a check-in answered `existing` points at the existing ticket.
    R"(
    ALTER TABLE tickets ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';
    ALTER TABLE tickets ADD COLUMN note TEXT;
    ALTER TABLE tickets ADD COLUMN patient_id TEXT;
    ALTER TABLE tickets ADD COLUMN source TEXT NOT NULL DEFAULT 'card';
    ALTER TABLE tickets ADD COLUMN queued_at INT64 NOT NULL DEFAULT 0;
    ALTER TABLE tickets ADD COLUMN first_called_at INT64;
    UPDATE tickets SET queued_at = checked_in_at, first_called_at = called_at,
        source = CASE WHEN card_ref IS NULL THEN 'desk' ELSE 'card' END;
    DROP INDEX tickets_positioned;
    CREATE INDEX tickets_positioned ON tickets (queue_id, day, priority, queued_at, id)
        WHERE status IN ('waiting', 'called');
    CREATE INDEX tickets_first_calls ON tickets (queue_id, day, first_called_at)
        WHERE first_called_at IS NOT NULL;
    CREATE INDEX tickets_by_day ON tickets (day, queue_id);
    CREATE TABLE known_cards_v2 (
        card_ref TEXT PRIMARY KEY, display_name TEXT, patient_id TEXT,
        updated_at INT64 NOT NULL);
    INSERT INTO known_cards_v2 (card_ref, display_name, patient_id, updated_at)
        SELECT card_ref, display_name, NULL, NOW_MS FROM known_cards;
    DROP TABLE known_cards;
    ALTER TABLE known_cards_v2 RENAME TO known_cards;
    ALTER TABLE changes ADD COLUMN device_id TEXT;
    ALTER TABLE changes ADD COLUMN committed_at INT64;
    CREATE INDEX changes_by_ticket ON changes (ticket_id, seq);
    CREATE TABLE ticket_aliases (alias_id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL);
    )",
    // Devices get a role (desk, display), a display its queues (ids, comma-separated; empty: all),
    // and revocation (issue 14). The token's hash becomes the key: a revoked name may be added
    // again as a new device, so only names of devices not revoked are unique. Rows of existing
    // devices are kept as desks. (The table is rebuilt: SQLite cannot drop a UNIQUE constraint.)
    R"(
    CREATE TABLE devices_v2 (
        token_hash TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL DEFAULT 'desk',
        queues TEXT NOT NULL DEFAULT '', created_at INT64 NOT NULL, revoked_at INT64);
    INSERT INTO devices_v2 (token_hash, name, created_at)
        SELECT token_hash, id, created_at FROM devices;
    DROP TABLE devices;
    ALTER TABLE devices_v2 RENAME TO devices;
    CREATE UNIQUE INDEX devices_active_name ON devices (name) WHERE revoked_at IS NULL;
    )",
    // 4: calling the patient (issue 15). Tickets and aliases get the patient page's status token
    // (core::statusToken, written by the writer; rows from before are filled in by
    // backfillStatusTokens after this script). `calls`: one row per call or recall, as it was at
    // the call (a call later undone stays), for the displays; `seq` orders them as committed.
    R"(
    ALTER TABLE tickets ADD COLUMN status_token TEXT;
    ALTER TABLE ticket_aliases ADD COLUMN status_token TEXT;
    CREATE INDEX tickets_by_status_token ON tickets (status_token);
    CREATE INDEX aliases_by_status_token ON ticket_aliases (status_token);
    CREATE TABLE calls (
        seq INT64 PRIMARY KEY, ticket_id TEXT NOT NULL, queue_id TEXT NOT NULL, day TEXT NOT NULL,
        number TEXT NOT NULL, room TEXT, priority TEXT NOT NULL, called_at INT64 NOT NULL);
    CREATE INDEX calls_by_day ON calls (day, called_at);
    )",
};

}  // namespace

void afterScript(Poco::Data::Session& session, int index) {
    if (index == 3) {
        repo::backfillStatusTokens(session);  // migration 4: the tickets and aliases before it
    }
}

int migrationCount() {
    return static_cast<int>(std::size(kMigrations));
}

namespace {
void replaceAll(std::string& text, std::string_view token, const std::string& by) {
    for (std::size_t at = text.find(token); at != std::string::npos;
         at = text.find(token, at + by.size())) {
        text.replace(at, token.size(), by);
    }
}
}  // namespace

std::string migrationScript(int index, const std::string& int64Type) {
    std::string script = kMigrations[index];
    // `NOW_MS`: the current time in ms (a backfill); BIGINT is PostgreSQL's, INTEGER SQLite's.
    const bool postgres = int64Type == "BIGINT";
    replaceAll(script, "NOW_MS",
               postgres ? "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)"
                        : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)");
    replaceAll(script, "INT64", int64Type);
    return script;
}

void runScript(Poco::Data::Session& session, const std::string& script) {
    // Poco runs one statement per call; split the script on ';'.
    std::size_t start = 0;
    while (start < script.size()) {
        std::size_t end = script.find(';', start);
        if (end == std::string::npos) {
            end = script.size();
        }
        const std::string sql = script.substr(start, end - start);
        if (sql.find_first_not_of(" \n\t") != std::string::npos) {
            session << sql, now;
        }
        start = end + 1;
    }
}

std::unique_ptr<Database> openDatabase(const std::string& dataDir, const std::string& url) {
    if (url.empty()) {
        return std::make_unique<SqliteDatabase>(dataDir);
    }
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
        return openPostgres(url);
    }
    throw StorageError("--db wants a postgresql://user@host:port/database URL");
}

}  // namespace sanad::server
