// The SQL of the admin's tables: devices (roles, revocation) and queue administration.
#include "repository.h"

#include <Poco/StringTokenizer.h>

#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

namespace sanad::server::repo {
namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::Statement;

}  // namespace

std::optional<DeviceRow> activeDevice(Session& session, const std::string& tokenHash) {
    std::string h = tokenHash;
    std::vector<std::string> names, roles, queues;
    session << sql(session,
                   "SELECT name, role, queues FROM devices WHERE token_hash = ? AND revoked_at IS "
                   "NULL"),
        use(h), into(names), into(roles), into(queues), now;
    if (names.empty()) {
        return std::nullopt;
    }
    return DeviceRow{names.front(), roles.front(), queues.front(), false};
}

std::vector<DeviceRow> allDevices(Session& session) {
    std::vector<std::string> names, roles, queues;
    std::vector<Poco::Nullable<Poco::Int64>> revoked;
    session << sql(session,
                   "SELECT name, role, queues, revoked_at FROM devices ORDER BY created_at, name"),
        into(names), into(roles), into(queues), into(revoked), now;
    std::vector<DeviceRow> out;
    out.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        out.push_back({names[i], roles[i], queues[i], !revoked[i].isNull()});
    }
    return out;
}

bool insertDevice(Session& session, const DeviceRow& device, const std::string& tokenHash) {
    std::string h = tokenHash, n = device.name, r = device.role, q = device.queues;
    Poco::Int64 created = toMillis(core::now());
    Statement insert(session);
    // The partial unique index devices_active_name refuses a second active device of a name.
    insert << sql(session,
                  "INSERT INTO devices (token_hash, name, role, queues, created_at) "
                  "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        use(h), use(n), use(r), use(q), use(created);
    return insert.execute() == 1;
}

bool revokeDevice(Session& session, const std::string& name, std::int64_t atMs) {
    std::string n = name;
    Poco::Int64 at = atMs;
    Statement update(session);
    update << sql(session,
                  "UPDATE devices SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL"),
        use(at), use(n);
    return update.execute() > 0;
}

void insertDefaultQueueIfNone(Session& session) {
    Poco::Int64 count = 0;
    session << "SELECT COUNT(*) FROM queues", into(count), now;
    if (count == 0) {
        insertQueue(session, {"general", "Allgemeinmedizin", "A", 0}, 0);
    }
}

std::optional<std::string> queueWithCode(Session& session, const std::string& code) {
    std::string c = code;
    std::vector<std::string> ids;
    session << sql(session, "SELECT id FROM queues WHERE code = ?"), use(c), into(ids), now;
    if (ids.empty()) {
        return std::nullopt;
    }
    return ids.front();
}

int nextQueueSort(Session& session) {
    int next = 0;
    session << sql(session, "SELECT COALESCE(MAX(sort) + 1, 0) FROM queues"), into(next), now;
    return next;
}

bool renameQueue(Session& session, const std::string& id, const std::string& name) {
    std::string i = id, n = name;
    Statement update(session);
    update << sql(session, "UPDATE queues SET name = ? WHERE id = ?"), use(n), use(i);
    return update.execute() > 0;
}

std::vector<std::string> splitQueues(const std::string& text) {
    std::vector<std::string> out;
    for (const std::string& q :
         Poco::StringTokenizer(text, ",", Poco::StringTokenizer::TOK_IGNORE_EMPTY)) {
        out.push_back(q);
    }
    return out;
}

}  // namespace sanad::server::repo
