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

/// The SQLite file `DIR/sanad.db`: WAL, synchronous=FULL, versioned migrations (user_version).
/// Thread-safety: the object is shared; every Session it makes belongs to one thread at a time.
class Database {
public:
    /// Opens (creating DIR and the file if needed), checks integrity and migrates. A file that is
    /// not a database, or fails the check, is refused with StorageError and left untouched.
    explicit Database(const std::string& dataDir);

    /// A new connection with the connection-level pragmas set.
    Poco::Data::Session openSession() const;

    const std::string& path() const { return path_; }

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

private:
    void migrate(Poco::Data::Session& session);

    std::string path_;
    mutable std::mutex poolMutex_;
    mutable std::vector<std::unique_ptr<Poco::Data::Session>> pool_;
};

}  // namespace sanad::server
