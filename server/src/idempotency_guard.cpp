#include "idempotency_guard.h"

#include "repository.h"
#include "responses.h"
#include "sanad/core/crypto.h"
#include "sanad/server/database.h"
#include "sanad/server/writer.h"

namespace sanad::server {
namespace {

ApiResponse replay(const repo::IdempotencyRecord& record, const std::string& fingerprint) {
    if (!core::constantTimeEquals(record.fingerprint, fingerprint)) {
        return reply::error(422, "idempotency_key_reused",
                            "this idempotency key was used for a different request");
    }
    ApiResponse r = reply::json(record.status, record.body);
    r.headers.emplace_back("Idempotent-Replayed", "true");
    return r;
}

ApiResponse inFlight() {
    ApiResponse r = reply::error(409, "idempotency_in_flight",
                                 "a request with this idempotency key is still being processed");
    r.headers.emplace_back("Retry-After", "1");
    return r;
}

}  // namespace

IdempotencyGuard::IdempotencyGuard(const Database& database, Writer& writer)
    : database_(database), writer_(writer) {}

std::string IdempotencyGuard::fingerprint(std::string_view method, std::string_view path,
                                          std::string_view body) {
    std::string text;
    text.reserve(method.size() + path.size() + body.size() + 2);
    text.append(method).append("\n").append(path).append("\n").append(body);
    return core::sha256Hex(text);
}

bool IdempotencyGuard::usableKey(const std::string& key) {
    if (key.empty() || key.size() > 200) {
        return false;
    }
    for (char c : key) {
        if (c < 0x21 || c > 0x7e) {
            return false;
        }
    }
    return true;
}

ApiResponse IdempotencyGuard::once(const std::string& device, const std::string& key,
                                   const std::string& fingerprint, const Effect& effect) {
    {
        auto session = database_.readSession();
        if (auto record = repo::findIdempotency(*session, device, key)) {
            return replay(*record, fingerprint);
        }
    }
    const std::string slot = device + '\n' + key;
    {
        std::lock_guard lock(inFlightMutex_);
        if (!inFlight_.insert(slot).second) {
            return inFlight();
        }
    }
    struct Release {
        IdempotencyGuard& guard;
        const std::string& slot;
        ~Release() {
            std::lock_guard lock(guard.inFlightMutex_);
            guard.inFlight_.erase(slot);
        }
    } release{*this, slot};

    ApiResponse response;
    writer_.run([&](WriteContext& context) {
        // Reserved before any work, in the same transaction as the effect and its answer: even a
        // race past the in-memory check above cannot do the work twice.
        if (!repo::reserveIdempotency(context.session, device, key, {fingerprint, 0, ""},
                                      repo::toMillis(context.now))) {
            auto record = repo::findIdempotency(context.session, device, key);
            response = record && record->status != 0 ? replay(*record, fingerprint) : inFlight();
            return;
        }
        response = effect(context);
        if (response.status >= 500) {
            // Not kept: the job's savepoint rolls back, the reservation with it.
            throw StorageError("the effect failed with " + std::to_string(response.status));
        }
        repo::completeIdempotency(context.session, device, key, response.status, response.body);
    });
    return response;
}

std::size_t IdempotencyGuard::purgeBefore(core::Timestamp cutoff) {
    std::size_t purged = 0;
    writer_.run([&](WriteContext& context) {
        purged = repo::purgeIdempotency(context.session, repo::toMillis(cutoff));
    });
    return purged;
}

}  // namespace sanad::server
