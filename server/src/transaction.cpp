// RAII transactions and savepoints (database.h): the one place that says COMMIT and ROLLBACK.
#include "sanad/server/database.h"

#include <Poco/Data/Session.h>

namespace sanad::server {
namespace {

using namespace Poco::Data::Keywords;

/// Runs `sql` and ignores a failure: for undoing work in a destructor, where the failure that
/// brought us here matters, not the one of the undo (the connection may be gone).
void quietly(Poco::Data::Session& session, const std::string& sql) noexcept {
    try {
        session << sql, now;
    } catch (...) {
        // no transaction left to end
    }
}

}  // namespace

Transaction::Transaction(Poco::Data::Session& session, const std::string& begin)
    : session_(&session) {
    session << begin, now;
}

Transaction::Transaction(Transaction&& other) noexcept : session_(other.session_) {
    other.session_ = nullptr;
}

Transaction::~Transaction() {
    if (session_ != nullptr) {
        quietly(*session_, "ROLLBACK");
    }
}

// The session is let go only once the statement went through: a COMMIT that failed (busy, disk
// full) may leave the transaction open, and the destructor then rolls it back.
void Transaction::commit() {
    if (session_ != nullptr) {
        *session_ << "COMMIT", now;
        session_ = nullptr;
    }
}

void Transaction::rollback() {
    if (session_ != nullptr) {
        *session_ << "ROLLBACK", now;
        session_ = nullptr;
    }
}

Savepoint::Savepoint(Poco::Data::Session& session, std::string name)
    : session_(&session), name_(std::move(name)) {
    session << "SAVEPOINT " + name_, now;
}

Savepoint::~Savepoint() {
    if (session_ != nullptr) {
        quietly(*session_, "ROLLBACK TO " + name_);
        quietly(*session_, "RELEASE " + name_);
    }
}

void Savepoint::release() {
    if (session_ != nullptr) {
        *session_ << "RELEASE " + name_, now;
        session_ = nullptr;
    }
}

void Savepoint::rollback() {
    if (session_ != nullptr) {
        *session_ << "ROLLBACK TO " + name_, now;
        *session_ << "RELEASE " + name_, now;
        session_ = nullptr;
    }
}

}  // namespace sanad::server
