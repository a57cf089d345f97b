#include "sanad/core/console_store.h"

#include "sanad/core/codec.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Statement.h>
#include <Poco/File.h>
#include <Poco/Nullable.h>
#include <Poco/Path.h>

#include <span>

namespace sanad::core {
namespace {

using namespace Poco::Data::Keywords;
using Poco::Nullable;
using Poco::Data::RecordSet;
using Poco::Data::Statement;
// Poco's "run it now" manipulator; named apart from sanad::core::now(), the clock.
constexpr auto exec = &Poco::Data::Keywords::now;

// Each entry moves the schema one version up; append, never edit a released entry.
constexpr const char* kSchemaV1[] = {
    "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, "
    "endpoint TEXT NOT NULL, method TEXT NOT NULL, body TEXT NOT NULL, ticket_id TEXT NOT "
    "NULL, "
    "created_at INTEGER NOT NULL, retry_count INTEGER NOT NULL DEFAULT 0, "
    "next_attempt_at INTEGER, status TEXT NOT NULL, last_error TEXT)",
    "CREATE INDEX outbox_by_ticket ON outbox (ticket_id, seq)",
    "CREATE INDEX outbox_by_status ON outbox (status, seq)",
    "CREATE TABLE queues (id TEXT PRIMARY KEY, name TEXT NOT NULL, code TEXT NOT NULL, "
    "ticket_count INTEGER NOT NULL, sort INTEGER NOT NULL)",
    "CREATE TABLE tickets (id TEXT PRIMARY KEY, queue_id TEXT NOT NULL, "
    "checked_in_at INTEGER NOT NULL, ticket TEXT NOT NULL, pending INTEGER NOT NULL)",
    "CREATE INDEX tickets_by_queue ON tickets (queue_id, checked_in_at)",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE number_blocks (queue_id TEXT NOT NULL, day TEXT NOT NULL, "
    "number TEXT NOT NULL, ord INTEGER NOT NULL, PRIMARY KEY (queue_id, day, number))",
};
// v2 (issue 13): why a failed row failed, typed (ProblemKind), so the console words it itself.
constexpr const char* kSchemaV2[] = {"ALTER TABLE outbox ADD COLUMN problem TEXT"};
// v3 (wire contract v1.1): the cards this desk registered or learnt, so its taps carry names
// offline too. Cached tickets of v1 keep their JSON: the codec gives v1.1 members their defaults.
constexpr const char* kSchemaV3[] = {
    "CREATE TABLE cards (card_ref TEXT PRIMARY KEY, card TEXT NOT NULL)"};
constexpr std::span<const char* const> kMigrations[] = {kSchemaV1, kSchemaV2, kSchemaV3};

constexpr const char* kOutboxColumns =
    "id, seq, endpoint, method, body, ticket_id, created_at, retry_count, next_attempt_at, "
    "status, last_error, problem";

std::int64_t millis(Timestamp t) {
    return t.time_since_epoch().count();
}
Timestamp fromMillis(std::int64_t ms) {
    return Timestamp(std::chrono::milliseconds(ms));
}

std::vector<OfflineRequest> readOutbox(Statement& statement) {
    statement.execute();
    RecordSet rs(statement);
    std::vector<OfflineRequest> rows;
    for (std::size_t r = 0; r < rs.rowCount(); ++r) {
        OfflineRequest o;
        o.id = rs.value(0, r).convert<std::string>();
        o.seq = rs.value(1, r).convert<std::int64_t>();
        o.endpoint = rs.value(2, r).convert<std::string>();
        o.method = rs.value(3, r).convert<std::string>();
        o.body = rs.value(4, r).convert<std::string>();
        o.ticketId = rs.value(5, r).convert<std::string>();
        o.createdAt = fromMillis(rs.value(6, r).convert<std::int64_t>());
        o.retryCount = rs.value(7, r).convert<int>();
        if (!rs.isNull(8, r)) {
            o.nextAttemptAt = fromMillis(rs.value(8, r).convert<std::int64_t>());
        }
        o.status = parseOutboxStatus(rs.value(9, r).convert<std::string>())
                       .value_or(OutboxStatus::Pending);
        if (!rs.isNull(10, r)) {
            o.lastError = rs.value(10, r).convert<std::string>();
        }
        if (!rs.isNull(11, r)) {
            o.problem = parseProblemKind(rs.value(11, r).convert<std::string>());
        }
        rows.push_back(std::move(o));
    }
    return rows;
}

std::string statusList(const std::vector<OutboxStatus>& statuses) {
    std::string list;
    for (OutboxStatus s : statuses) {
        list += (list.empty() ? "'" : ", '") + std::string(toString(s)) + "'";
    }
    return list.empty() ? "''" : list;
}

/// Runs `work` in one IMMEDIATE transaction; rolls back and rethrows on failure.
template <typename Work>
auto inTransaction(Poco::Data::Session& session, Work work) {
    session << "BEGIN IMMEDIATE", exec;
    try {
        if constexpr (std::is_void_v<decltype(work())>) {
            work();
            session << "COMMIT", exec;
        } else {
            auto result = work();
            session << "COMMIT", exec;
            return result;
        }
    } catch (...) {
        try {
            session << "ROLLBACK", exec;
        } catch (const Poco::Exception&) {
            // the failed statement may already have ended the transaction
        }
        throw;
    }
}

/// How long Poco keeps trying to open a file SQLite cannot open (its default is 60 s, a console
/// that hangs at start for a minute before it says why).
constexpr std::size_t kOpenTimeoutS = 2;

/// SQLITE_NOTADB and SQLITE_CORRUPT, whichever Poco exception carries them.
bool isDamage(const Poco::Exception& e) {
    if (dynamic_cast<const Poco::Data::SQLite::CorruptImageException*>(&e)) {
        return true;
    }
    const std::string text = e.displayText();
    return text.find("not a database") != std::string::npos ||
           text.find("malformed") != std::string::npos;
}

}  // namespace

ConsoleStore::ConsoleStore(const std::string& dataDir, std::chrono::milliseconds busyTimeout)
    : dataDir_(dataDir), busyTimeout_(busyTimeout) {
    Poco::Data::SQLite::Connector::registerConnector();
    try {
        Poco::File(dataDir_).createDirectories();
    } catch (const Poco::Exception& e) {
        throw StoreError("cannot create the data folder " + dataDir_ + ": " + e.displayText());
    }
    path_ = Poco::Path(dataDir_).append("console.db").toString();
    open();
}

ConsoleStore::~ConsoleStore() = default;

void ConsoleStore::open() {
    // Only real damage (not a database, a malformed image, a failed quick_check) moves the file
    // aside. Anything else — a lock held by another program, a permission or I/O problem, a path
    // that is no file — refuses to start and leaves the file as it is: it may hold unsent
    // changes, and a new empty file beside it would orphan them.
    std::string problem;
    const std::string busy = "PRAGMA busy_timeout = " + std::to_string(busyTimeout_.count());
    try {
        session_ = std::make_unique<Poco::Data::Session>("SQLite", path_, kOpenTimeoutS);
        *session_ << busy, exec;
        // One row "ok", or a row per problem found.
        std::vector<std::string> check;
        *session_ << "PRAGMA quick_check", into(check), exec;
        if (check != std::vector<std::string>{"ok"}) {
            problem = "integrity check failed: " +
                      (check.empty() ? std::string("no answer") : check.front());
        }
    } catch (const Poco::Exception& e) {
        session_.reset();
        if (!isDamage(e)) {
            throw StoreError("the console database " + path_ + " cannot be opened (" +
                             e.displayText() +
                             "); it was left as it is. Close any other program using it, check "
                             "the folder's permissions and free disk space, then start again");
        }
        problem = e.displayText();
    }
    if (!problem.empty()) {
        session_.reset();
        // Keep the damaged file for whoever wants to rescue it; never overwrite it.
        const std::string aside = path_ + ".damaged-" + formatTimestamp(now());
        try {
            Poco::File(path_).renameTo(aside);
            for (const char* suffix : {"-wal", "-shm"}) {
                Poco::File side(path_ + suffix);
                if (side.exists()) {
                    side.renameTo(aside + suffix);
                }
            }
        } catch (const Poco::Exception& e) {
            throw StoreError("the console database " + path_ + " is damaged (" + problem +
                             ") and could not be moved aside: " + e.displayText());
        }
        damagedReport_ = "the console database " + path_ + " was damaged (" + problem +
                         "); it was moved to " + aside + " and a new one was started";
        session_ = std::make_unique<Poco::Data::Session>("SQLite", path_, kOpenTimeoutS);
        *session_ << busy, exec;
    }
    try {
        std::string mode;
        *session_ << "PRAGMA journal_mode = WAL", into(mode), exec;
        *session_ << "PRAGMA synchronous = FULL", exec;
        migrate();
    } catch (const Poco::Exception& e) {
        throw StoreError("the console database " + path_ + " cannot be used: " + e.displayText());
    }
}

void ConsoleStore::migrate() {
    int version = 0;
    *session_ << "PRAGMA user_version", into(version), exec;
    const int latest = static_cast<int>(std::size(kMigrations));
    if (version > latest) {
        throw StoreError("the console database " + path_ + " is from a newer version (schema " +
                         std::to_string(version) + ")");
    }
    for (int v = version; v < latest; ++v) {
        inTransaction(*session_, [&] {
            for (const char* sql : kMigrations[static_cast<std::size_t>(v)]) {
                *session_ << std::string(sql), exec;
            }
            *session_ << "PRAGMA user_version = " + std::to_string(v + 1), exec;
        });
    }
}

void ConsoleStore::transaction(const std::function<void()>& work) {
    if (inTransaction_) {
        work();  // part of the transaction already open: it commits or rolls back as a whole
        return;
    }
    inTransaction_ = true;
    try {
        inTransaction(*session_, work);
    } catch (...) {
        inTransaction_ = false;
        throw;
    }
    inTransaction_ = false;
}

std::optional<Timestamp> ConsoleStore::nextAttemptAt() {
    Nullable<Poco::Int64> next;
    *session_ << "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'retrying'", into(next),
        exec;
    if (next.isNull()) {
        return std::nullopt;
    }
    return fromMillis(next.value());
}

// --- outbox ---

OfflineRequest ConsoleStore::enqueue(OfflineRequest request) {
    std::string id = request.id, endpoint = request.endpoint, method = request.method,
                body = request.body, ticketId = request.ticketId,
                status = std::string(toString(request.status));
    Poco::Int64 created = millis(request.createdAt);
    int retries = request.retryCount;
    Nullable<Poco::Int64> next;
    if (request.nextAttemptAt) {
        next = millis(*request.nextAttemptAt);
    }
    Nullable<std::string> error;
    if (request.lastError) {
        error = *request.lastError;
    }
    // One statement is one transaction: committed (and fsynced) before this returns.
    Poco::Int64 seq = 0;
    *session_ << "INSERT INTO outbox (id, endpoint, method, body, ticket_id, created_at, "
                 "retry_count, next_attempt_at, status, last_error) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
        use(id), use(endpoint), use(method), use(body), use(ticketId), use(created), use(retries),
        use(next), use(status), use(error), into(seq), exec;
    request.seq = seq;
    return request;
}

std::optional<OfflineRequest> ConsoleStore::find(const std::string& id) {
    Statement select(*session_);
    std::string i = id;
    select << "SELECT " << kOutboxColumns << " FROM outbox WHERE id = ?", use(i);
    auto rows = readOutbox(select);
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front());
}

std::vector<OfflineRequest> ConsoleStore::list(const std::vector<OutboxStatus>& statuses) {
    Statement select(*session_);
    select << "SELECT " << kOutboxColumns << " FROM outbox WHERE status IN ("
           << statusList(statuses) << ") ORDER BY seq";
    return readOutbox(select);
}

std::int64_t ConsoleStore::unsyncedRows(const std::string& ticketId,
                                        const std::string& exceptRowId) {
    std::string t = ticketId, e = exceptRowId;
    Poco::Int64 n = 0;
    *session_
        << "SELECT COUNT(*) FROM outbox WHERE ticket_id = ? AND status != 'synced' AND id != ?",
        use(t), use(e), into(n), exec;
    return n;
}

std::vector<OfflineRequest> ConsoleStore::due(Timestamp at, std::size_t limit) {
    Statement select(*session_);
    Poco::Int64 nowMs = millis(at);
    select << "SELECT " << kOutboxColumns
           << " FROM outbox o WHERE (o.status = 'pending' OR (o.status = 'retrying' AND "
              "o.next_attempt_at <= ?)) AND NOT EXISTS (SELECT 1 FROM outbox p WHERE "
              "p.ticket_id = o.ticket_id AND p.seq < o.seq AND p.status != 'synced') "
              "ORDER BY o.seq"
           << (limit > 0 ? " LIMIT " + std::to_string(limit) : std::string()),
        use(nowMs);
    return readOutbox(select);
}

void ConsoleStore::setStatus(const std::string& id, OutboxStatus status, const std::string* error) {
    std::string i = id, s = std::string(toString(status));
    Nullable<std::string> e;
    if (error) {
        e = *error;
    }
    *session_ << "UPDATE outbox SET status = ?, last_error = COALESCE(?, last_error) WHERE id = ?",
        use(s), use(e), use(i), exec;
}

void ConsoleStore::markSynced(const std::string& id) {
    setStatus(id, OutboxStatus::Synced, nullptr);
}

void ConsoleStore::markRetrying(const std::string& id, int retryCount, Timestamp nextAttemptAt,
                                const std::string& error) {
    std::string i = id, e = error, s = "retrying";
    Poco::Int64 next = millis(nextAttemptAt);
    *session_ << "UPDATE outbox SET status = ?, retry_count = ?, next_attempt_at = ?, "
                 "last_error = ? WHERE id = ?",
        use(s), use(retryCount), use(next), use(e), use(i), exec;
}

void ConsoleStore::markFailed(const std::string& id, const std::string& error, ProblemKind why) {
    std::string i = id, e = error, p = std::string(toString(why));
    *session_ << "UPDATE outbox SET status = 'failed', last_error = ?, problem = ? WHERE id = ?",
        use(e), use(p), use(i), exec;
}

void ConsoleStore::markConflict(const std::string& id, const std::string& error) {
    setStatus(id, OutboxStatus::Conflict, &error);
}

void ConsoleStore::retry(const std::string& id) {
    std::string i = id;
    *session_ << "UPDATE outbox SET status = 'pending', retry_count = 0, next_attempt_at = NULL, "
                 "problem = NULL WHERE id = ? AND status IN ('failed', 'conflict', 'retrying')",
        use(i), exec;
}

bool ConsoleStore::discard(const std::string& id) {
    std::string i = id;
    Statement del(*session_);
    del << "DELETE FROM outbox WHERE id = ?", use(i);
    return del.execute() == 1;
}

OutboxCounts ConsoleStore::counts() {
    OutboxCounts c;
    Poco::Int64 pending = 0, failed = 0, conflict = 0;
    Nullable<Poco::Int64> oldest;
    *session_ << "SELECT "
                 "COALESCE(SUM(status IN ('pending', 'retrying')), 0), "
                 "COALESCE(SUM(status = 'failed'), 0), COALESCE(SUM(status = 'conflict'), 0), "
                 "MIN(CASE WHEN status IN ('pending', 'retrying') THEN created_at END) FROM outbox",
        into(pending), into(failed), into(conflict), into(oldest), exec;
    c.pending = pending;
    c.failed = failed;
    c.conflict = conflict;
    if (!oldest.isNull()) {
        c.oldestPendingAt = fromMillis(oldest.value());
    }
    return c;
}

std::size_t ConsoleStore::purgeSynced(Timestamp cutoff) {
    Poco::Int64 before = millis(cutoff);
    Statement del(*session_);
    del << "DELETE FROM outbox WHERE status = 'synced' AND created_at < ?", use(before);
    return del.execute();
}

// --- cache ---

void ConsoleStore::putQueues(const std::vector<Queue>& queues) {
    transaction([&] {
        *session_ << "DELETE FROM queues", exec;
        int sort = 0;
        for (const Queue& q : queues) {
            std::string id = q.id, name = q.name, code = q.code;
            Poco::Int64 count = q.ticketCount;
            *session_ << "INSERT INTO queues (id, name, code, ticket_count, sort) "
                         "VALUES (?, ?, ?, ?, ?)",
                use(id), use(name), use(code), use(count), use(sort), exec;
            ++sort;
        }
    });
}

std::vector<Queue> ConsoleStore::queues() {
    std::vector<std::string> ids, names, codes;
    std::vector<Poco::Int64> counts;
    *session_ << "SELECT id, name, code, ticket_count FROM queues ORDER BY sort", into(ids),
        into(names), into(codes), into(counts), exec;
    std::vector<Queue> out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        out.push_back({ids[i], names[i], codes[i], counts[i]});
    }
    return out;
}

void ConsoleStore::putTickets(const std::string& queueId, const std::vector<Ticket>& tickets) {
    transaction([&] {
        std::string q = queueId;
        *session_ << "DELETE FROM tickets WHERE queue_id = ? AND pending = 0", use(q), exec;
        for (const Ticket& t : tickets) {
            std::string id = t.id, json = codec::encode(t);
            Poco::Int64 at = millis(t.checkedInAt);
            // A local pending version wins over the server's until the outbox has delivered it.
            *session_ << "INSERT INTO tickets (id, queue_id, checked_in_at, ticket, pending) "
                         "VALUES (?, ?, ?, ?, 0) ON CONFLICT (id) DO NOTHING",
                use(id), use(q), use(at), use(json), exec;
        }
    });
}

void ConsoleStore::upsertTicket(const Ticket& ticket, bool pending) {
    std::string id = ticket.id, q = ticket.queueId, json = codec::encode(ticket);
    Poco::Int64 at = millis(ticket.checkedInAt);
    int p = pending ? 1 : 0;
    *session_
        << "INSERT INTO tickets (id, queue_id, checked_in_at, ticket, pending) "
           "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET queue_id = excluded.queue_id, "
           "checked_in_at = excluded.checked_in_at, ticket = excluded.ticket, "
           "pending = excluded.pending",
        use(id), use(q), use(at), use(json), use(p), exec;
}

std::optional<CachedTicket> ConsoleStore::ticket(const std::string& id) {
    std::string i = id;
    std::vector<std::string> json;
    std::vector<int> pending;
    *session_ << "SELECT ticket, pending FROM tickets WHERE id = ?", use(i), into(json),
        into(pending), exec;
    if (json.empty()) {
        return std::nullopt;
    }
    return CachedTicket{codec::decodeTicket(json.front()), pending.front() != 0};
}

std::vector<CachedTicket> ConsoleStore::tickets(const std::string& queueId) {
    std::string q = queueId;
    std::vector<std::string> json;
    std::vector<int> pending;
    *session_
        << "SELECT ticket, pending FROM tickets WHERE queue_id = ? ORDER BY checked_in_at, id",
        use(q), into(json), into(pending), exec;
    std::vector<CachedTicket> out;
    for (std::size_t i = 0; i < json.size(); ++i) {
        out.push_back({codec::decodeTicket(json[i]), pending[i] != 0});
    }
    return out;
}

void ConsoleStore::removeTicket(const std::string& id) {
    std::string i = id;
    *session_ << "DELETE FROM tickets WHERE id = ?", use(i), exec;
}

std::optional<std::string> ConsoleStore::meta(const std::string& key) {
    std::string k = key;
    std::vector<std::string> values;
    *session_ << "SELECT value FROM meta WHERE key = ?", use(k), into(values), exec;
    if (values.empty()) {
        return std::nullopt;
    }
    return values.front();
}

void ConsoleStore::setMeta(const std::string& key, const std::string& value) {
    std::string k = key, v = value;
    *session_ << "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", use(k), use(v), exec;
}

void ConsoleStore::putNumberBlock(const NumberBlock& block) {
    transaction([&] {
        std::string q = block.queueId, d = block.day;
        Poco::Int64 ord = 0;
        *session_
            << "SELECT COALESCE(MAX(ord), 0) FROM number_blocks WHERE queue_id = ? AND day = ?",
            use(q), use(d), into(ord), exec;
        for (const std::string& number : block.numbers) {
            std::string n = number;
            ++ord;
            *session_ << "INSERT OR IGNORE INTO number_blocks (queue_id, day, number, ord) "
                         "VALUES (?, ?, ?, ?)",
                use(q), use(d), use(n), use(ord), exec;
        }
    });
}

std::optional<std::string> ConsoleStore::takeLeasedNumber(const std::string& queueId,
                                                          const std::string& day) {
    std::optional<std::string> taken;
    transaction([&] {
        std::string q = queueId, d = day;
        std::vector<std::string> numbers;
        *session_ << "SELECT number FROM number_blocks WHERE queue_id = ? AND day = ? "
                     "ORDER BY ord LIMIT 1",
            use(q), use(d), into(numbers), exec;
        if (numbers.empty()) {
            return;
        }
        std::string n = numbers.front();
        *session_ << "DELETE FROM number_blocks WHERE queue_id = ? AND day = ? AND number = ?",
            use(q), use(d), use(n), exec;
        taken = n;
    });
    return taken;
}

std::size_t ConsoleStore::leasedNumbersLeft(const std::string& queueId, const std::string& day) {
    std::string q = queueId, d = day;
    Poco::Int64 n = 0;
    *session_ << "SELECT COUNT(*) FROM number_blocks WHERE queue_id = ? AND day = ?", use(q),
        use(d), into(n), exec;
    return static_cast<std::size_t>(n);
}

}  // namespace sanad::core
