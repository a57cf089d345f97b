#pragma once

#include "sanad/core/error.h"

#include <Poco/Data/Session.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace sanad::server {

/// The server's storage could not be opened or used (corrupt file, unwritable folder, …).
class StorageError : public core::Error {
public:
    using core::Error::Error;
    const char* name() const noexcept override { return "storage error"; }
    Poco::Exception* clone() const override { return new StorageError(*this); }
    void rethrow() const override { throw *this; }
};

/// An open transaction on one session: commit() ends it, and one that goes out of scope without
/// a commit is rolled back (an error of that rollback is swallowed: the connection may be gone,
/// and the transaction with it). Made by Database::beginRead/beginWrite. Move-only.
/// Thread-safety: that of its session (one thread at a time).
class Transaction {
public:
    /// Runs `begin` (e.g. `BEGIN IMMEDIATE`) on the session.
    Transaction(Poco::Data::Session& session, const std::string& begin);
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    void commit();
    void rollback();

private:
    Poco::Data::Session* session_;  // null once ended
};

/// A savepoint in an open transaction: release() keeps its work, rollback() undoes it (and ends
/// it); one that goes out of scope still open is rolled back, errors swallowed.
class Savepoint {
public:
    Savepoint(Poco::Data::Session& session, std::string name);
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    ~Savepoint();

    void release();
    void rollback();

private:
    Poco::Data::Session* session_;  // null once ended
    std::string name_;
};

/// The server's storage: tickets, the change feed, number blocks, devices, idempotency records.
/// Two implementations behind one interface: SQLite (`DIR/sanad.db`, the embedded default) and
/// PostgreSQL (`postgresql://…`, several server instances on one database). The repository's SQL
/// is shared (`repo::sql` adapts placeholders); what differs lives in the implementations.
/// Thread-safety: the object is shared; every Session it makes belongs to one thread at a time.
class Database {
public:
    enum class Engine { Sqlite, Postgres };

    virtual ~Database() = default;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    virtual Engine engine() const = 0;
    /// For logs and error messages: the file, or host/port/database (never a password).
    virtual const std::string& describe() const = 0;

    /// A new connection with the connection-level settings made.
    virtual Poco::Data::Session openSession() const = 0;

    /// Opens a read transaction whose statements all see one snapshot.
    [[nodiscard]] virtual Transaction beginRead(Poco::Data::Session& session) const = 0;

    /// Opens a write transaction. Writers are serialised: SQLite `BEGIN IMMEDIATE`; PostgreSQL
    /// `BEGIN` plus a transaction-scoped advisory lock shared by every instance, so batches of
    /// all instances commit one after another and change seqs are handed out in commit order.
    [[nodiscard]] virtual Transaction beginWrite(Poco::Data::Session& session) const = 0;

    /// A small pool of read connections; a Lease gives one back when it goes out of scope.
    class Lease {
    public:
        Lease(const Database& db, std::unique_ptr<Poco::Data::Session> session);
        Lease(Lease&&) = default;
        ~Lease();
        Poco::Data::Session& operator*() { return *session_; }
        Poco::Data::Session* operator->() { return session_.get(); }

    private:
        const Database* db_;
        std::unique_ptr<Poco::Data::Session> session_;
    };
    Lease readSession() const;

protected:
    Database() = default;

private:
    mutable std::mutex poolMutex_;
    mutable std::vector<std::unique_ptr<Poco::Data::Session>> pool_;
};

/// SQLite in `DIR/sanad.db`: WAL, synchronous=FULL, versioned migrations (user_version).
class SqliteDatabase final : public Database {
public:
    /// Opens (creating DIR and the file if needed), checks integrity and migrates. A file that is
    /// not a database, or fails the check, is refused with StorageError and left untouched.
    explicit SqliteDatabase(const std::string& dataDir);

    Engine engine() const override { return Engine::Sqlite; }
    const std::string& describe() const override { return path_; }
    Poco::Data::Session openSession() const override;
    Transaction beginRead(Poco::Data::Session& session) const override;
    Transaction beginWrite(Poco::Data::Session& session) const override;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

/// True when this build can talk to PostgreSQL (Poco::Data::PostgreSQL was found).
bool postgresSupported();

/// `--data DIR` → SQLite; `--db postgresql://user@host:port/name` → PostgreSQL (migrated on
/// open, under an advisory lock so instances starting together migrate once). StorageError with
/// a clear message when the database cannot be reached or used.
std::unique_ptr<Database> openDatabase(const std::string& dataDir, const std::string& url);

}  // namespace sanad::server
