// The admin's operations: devices (roles, display queues, revocation) and queues.
#include "repository.h"
#include "sanad/core/crypto.h"
#include "sanad/core/time.h"
#include "sanad/server/admin.h"
#include "sanad/server/database.h"

#include <Poco/Data/Session.h>
#include <Poco/StringTokenizer.h>

#include <algorithm>
#include <type_traits>

namespace sanad::server {
namespace {

/// 1 to 64 characters, none of them a control character (names go into lists and logs).
void checkName(std::string_view what, const std::string& name) {
    if (name.empty() || name.size() > 64) {
        throw core::Error("a " + std::string(what) + " name has 1 to 64 characters");
    }
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7f) {
            throw core::Error("a " + std::string(what) + " name has no control characters");
        }
    }
}

std::string joinQueues(const std::vector<std::string>& queues) {
    std::string out;
    for (const std::string& q : queues) {
        out += (out.empty() ? "" : ",") + q;
    }
    return out;
}

/// One admin change in one write transaction (the servers' writers wait for it, or it for them).
template <typename Work>
auto inWriteTransaction(const Database& database, Work&& work) {
    Poco::Data::Session session = database.openSession();
    Transaction write = database.beginWrite(session);
    repo::insertDefaultQueueIfNone(session);
    if constexpr (std::is_void_v<decltype(work(session))>) {
        work(session);
        write.commit();
    } else {
        auto result = work(session);
        write.commit();
        return result;
    }
}

}  // namespace

std::string_view toString(DeviceRole role) {
    return role == DeviceRole::Display ? "display" : "desk";
}

std::optional<DeviceRole> parseDeviceRole(std::string_view text) {
    if (text == "desk") {
        return DeviceRole::Desk;
    }
    if (text == "display") {
        return DeviceRole::Display;
    }
    return std::nullopt;
}

bool isQueueId(std::string_view text) {
    return !text.empty() && text.size() <= 32 && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

bool isQueueCode(std::string_view text) {
    return !text.empty() && text.size() <= 3 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string addDevice(const Database& database, const std::string& name, DeviceRole role,
                      std::vector<std::string> queues) {
    checkName("device", name);
    if (role == DeviceRole::Desk && !queues.empty()) {
        throw core::Error("--queues is for a display: a desk works with every queue");
    }
    for (const std::string& q : queues) {
        if (!isQueueId(q)) {
            throw core::Error("'" + q + "' is not a queue id");
        }
    }
    std::sort(queues.begin(), queues.end());
    queues.erase(std::unique(queues.begin(), queues.end()), queues.end());
    std::string token = core::toHex(core::randomBytes(32));
    inWriteTransaction(database, [&](Poco::Data::Session& session) {
        for (const std::string& q : queues) {
            if (!repo::findQueue(session, q)) {
                throw UnknownError("there is no queue '" + q + "' (sanad-server queue list)");
            }
        }
        const repo::DeviceRow row{name, std::string(toString(role)), joinQueues(queues), false};
        if (!repo::insertDevice(session, row, core::sha256Hex(token))) {
            throw AlreadyExistsError("a device named '" + name + "' is already registered");
        }
    });
    return token;
}

std::vector<Device> listDevices(const Database& database) {
    auto session = database.readSession();
    std::vector<Device> out;
    for (const repo::DeviceRow& row : repo::allDevices(*session)) {
        // A role this server does not know gets the least rights.
        out.push_back({row.name, parseDeviceRole(row.role).value_or(DeviceRole::Display),
                       repo::splitQueues(row.queues), row.revoked});
    }
    return out;
}

void revokeDevice(const Database& database, const std::string& name) {
    inWriteTransaction(database, [&](Poco::Data::Session& session) {
        if (!repo::revokeDevice(session, name, repo::toMillis(core::now()))) {
            throw UnknownError("no device named '" + name +
                               "' is registered (or it is revoked already)");
        }
    });
}

void addQueue(const Database& database, const core::Queue& queue) {
    if (!isQueueId(queue.id)) {
        throw core::Error("a queue id has 1 to 32 of a-z, 0-9, '-' and '_', not '" + queue.id +
                          "'");
    }
    if (!isQueueCode(queue.code)) {
        throw core::Error("a queue code has 1 to 3 capital letters A-Z, not '" + queue.code + "'");
    }
    checkName("queue", queue.name);
    inWriteTransaction(database, [&](Poco::Data::Session& session) {
        if (repo::findQueue(session, queue.id)) {
            throw AlreadyExistsError("a queue '" + queue.id + "' exists already");
        }
        if (const auto other = repo::queueWithCode(session, queue.code)) {
            throw AlreadyExistsError("the code '" + queue.code + "' is taken by the queue '" +
                                     *other + "'");
        }
        repo::insertQueue(session, queue, repo::nextQueueSort(session));
    });
}

void renameQueue(const Database& database, const std::string& id, const std::string& name) {
    checkName("queue", name);
    inWriteTransaction(database, [&](Poco::Data::Session& session) {
        if (!repo::renameQueue(session, id, name)) {
            throw UnknownError("there is no queue '" + id + "' (sanad-server queue list)");
        }
    });
}

std::vector<core::Queue> listQueues(const Database& database) {
    return inWriteTransaction(database, [&](Poco::Data::Session& session) {
        return repo::allQueues(session, core::localDay(core::now()));
    });
}

}  // namespace sanad::server
