#include "database_impl.h"

#ifdef SANAD_HAVE_POSTGRES

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <cstdint>

namespace sanad::server {
namespace {

using namespace Poco::Data::Keywords;

// Advisory lock keys (any 64-bit numbers of our own): one for migrations, one for writers.
constexpr std::int64_t kMigrationLock = 0x53414e4144'0001;  // "SANAD" 1
constexpr std::int64_t kWriteLock = 0x53414e4144'0002;      // "SANAD" 2

/// libpq's keyword form of a postgresql:// URL (Poco's connector takes `name=value` pairs).
std::string connectionString(const std::string& url, std::string& describe) {
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception& e) {
        throw StorageError("--db is not a valid URL: " + e.message());
    }
    std::string user = uri.getUserInfo(), password;
    if (const auto colon = user.find(':'); colon != std::string::npos) {
        password = user.substr(colon + 1);
        user.resize(colon);
    }
    std::string dbname = uri.getPath();
    if (!dbname.empty() && dbname.front() == '/') {
        dbname.erase(0, 1);
    }
    if (uri.getHost().empty() || dbname.empty()) {
        throw StorageError("--db wants postgresql://user@host:port/database, not " +
                           uri.getScheme() + "://" + uri.getHost() + uri.getPath());
    }
    const std::uint16_t port = uri.getPort() != 0 ? uri.getPort() : 5432;
    describe = "postgresql://" + (user.empty() ? "" : user + "@") + uri.getHost() + ":" +
               std::to_string(port) + "/" + dbname;
    std::string conn = "host=" + uri.getHost() + " port=" + std::to_string(port) +
                       " dbname=" + dbname + " connect_timeout=5";
    if (!user.empty()) {
        conn += " user=" + user;
    }
    if (!password.empty()) {
        // Not in the connection string: Poco repeats that string in some exception texts, and
        // those reach the logs. libpq reads PGPASSWORD (one database per server process).
        Poco::Environment::set("PGPASSWORD", password);  // Poco::URI keeps user info decoded
    }
    return conn;
}

class PostgresDatabase final : public Database {
public:
    explicit PostgresDatabase(const std::string& url) {
        Poco::Data::PostgreSQL::Connector::registerConnector();
        connection_ = connectionString(url, describe_);
        try {
            Poco::Data::Session session = openSession();
            migrate(session);
        } catch (const StorageError&) {
            throw;
        } catch (const Poco::Exception& e) {
            throw StorageError("the database " + describe_ + " cannot be used (" + e.displayText() +
                               ")");
        }
    }

    Engine engine() const override { return Engine::Postgres; }
    const std::string& describe() const override { return describe_; }

    Poco::Data::Session openSession() const override {
        try {
            Poco::Data::Session session("postgresql", connection_);
            session << "SET client_min_messages = warning", now;  // no NOTICEs on stderr
            // A writer of another instance that froze holding the write lock: its session is
            // ended after a minute idle in its transaction (the lock goes with it), and nobody
            // waits for the lock longer than 15 s (the batch fails and answers 5xx).
            session << "SET idle_in_transaction_session_timeout = 60000", now;
            session << "SET lock_timeout = 15000", now;
            return session;
        } catch (const Poco::Exception& e) {
            throw StorageError("cannot connect to " + describe_ + ": " + e.displayText());
        }
    }

    Transaction beginRead(Poco::Data::Session& session) const override {
        // One snapshot for every statement of the read (READ COMMITTED takes one per statement).
        return Transaction(session, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    }

    Transaction beginWrite(Poco::Data::Session& session) const override {
        Transaction write(session, "BEGIN");
        lock(session, kWriteLock);
        return write;
    }

private:
    static void lock(Poco::Data::Session& session, std::int64_t key) {
        Poco::Int64 k = key, one = 0;
        // Held until COMMIT or ROLLBACK; the count only gives the statement a result to read.
        session << "SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock($1)) AS l", use(k),
            into(one), now;
    }

    void migrate(Poco::Data::Session& session) {
        Transaction migration(session, "BEGIN");
        lock(session, kMigrationLock);  // instances starting together migrate once
        session << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", now;
        std::vector<int> versions;
        session << "SELECT version FROM schema_version", into(versions), now;
        const int version = versions.empty() ? 0 : versions.front();
        const int latest = migrationCount();
        if (version > latest) {
            throw StorageError("schema version " + std::to_string(version) + " of " + describe_ +
                               " is newer than this server understands (" + std::to_string(latest) +
                               ")");
        }
        for (int v = version; v < latest; ++v) {
            runScript(session, migrationScript(v, "BIGINT"));
            afterScript(session, v);
        }
        if (version != latest) {
            int l = latest;
            session << "DELETE FROM schema_version", now;
            session << "INSERT INTO schema_version (version) VALUES ($1)", use(l), now;
        }
        migration.commit();
    }

    std::string connection_;
    std::string describe_;
};

}  // namespace

bool postgresSupported() {
    return true;
}

std::unique_ptr<Database> openPostgres(const std::string& url) {
    return std::make_unique<PostgresDatabase>(url);
}

}  // namespace sanad::server

#else

namespace sanad::server {

bool postgresSupported() {
    return false;
}

std::unique_ptr<Database> openPostgres(const std::string&) {
    throw StorageError(
        "this build of sanad-server has no PostgreSQL support (Poco::Data::PostgreSQL "
        "was not found when it was built)");
}

}  // namespace sanad::server

#endif
