#pragma once

#include "sanad/core/error.h"
#include "sanad/core/ticket.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sanad::server {

class Database;

/// What a device may do (DESIGN.md v1.1): a desk everything; a display only read what a display
/// shows (`/api/display/*`, of its queues) and write nothing.
enum class DeviceRole { Desk, Display };

std::string_view toString(DeviceRole role);
std::optional<DeviceRole> parseDeviceRole(std::string_view text);

/// A registered device as the admin sees it (never its token). `queues` only for a display:
/// empty means all queues. A revoked device stays listed; its token is refused.
struct Device {
    std::string name;
    DeviceRole role = DeviceRole::Desk;
    std::vector<std::string> queues;
    bool revoked = false;
};

/// The name is already used by a device that is not revoked, or a queue id or code is taken.
class AlreadyExistsError : public core::Error {
public:
    using core::Error::Error;
    const char* name() const noexcept override { return "already exists"; }
    Poco::Exception* clone() const override { return new AlreadyExistsError(*this); }
    void rethrow() const override { throw *this; }
};

/// No (active) device of that name, or no queue of that id.
class UnknownError : public core::Error {
public:
    using core::Error::Error;
    const char* name() const noexcept override { return "unknown"; }
    Poco::Exception* clone() const override { return new UnknownError(*this); }
    void rethrow() const override { throw *this; }
};

// The admin's operations on the data folder or database (`sanad-server device …`, `queue …`).
// They run beside running servers: each is one write transaction, and servers read devices and
// queues from the database on every request. All throw core::Error for a value of the wrong
// form, AlreadyExistsError, UnknownError, or StorageError. Any thread; each opens its own
// connection.

/// Registers a device; returns its token (shown once, only its SHA-256 is kept). A display's
/// queues must exist; a desk takes none. The name may be that of a revoked device.
std::string addDevice(const Database& database, const std::string& name,
                      DeviceRole role = DeviceRole::Desk, std::vector<std::string> queues = {});
/// Every device ever registered, revoked ones included, oldest first.
std::vector<Device> listDevices(const Database& database);
/// Revokes the active device of that name: its token is refused from the next request on.
void revokeDevice(const Database& database, const std::string& name);

/// Queue ids: 1–32 of a–z, 0–9, '-', '_'; codes: 1–3 capital letters A–Z (the ticket number's
/// prefix); names: 1–64 characters, no control characters.
bool isQueueId(std::string_view text);
bool isQueueCode(std::string_view text);

/// Adds a queue at the end of the list (the default queue first, on a fresh database).
void addQueue(const Database& database, const core::Queue& queue);
void renameQueue(const Database& database, const std::string& id, const std::string& name);
/// Every queue in the list's order (ticket_count left 0).
std::vector<core::Queue> listQueues(const Database& database);

}  // namespace sanad::server
