#include "sanad/server/api.h"

#include "repository.h"
#include "sanad/core/check_in.h"
#include "sanad/core/codec.h"
#include "sanad/core/crypto.h"
#include "sanad/core/error.h"
#include "sanad/core/numbering.h"
#include "sanad/core/transition.h"
#include "sanad/core/uuid.h"
#include "sanad/server/database.h"
#include "sanad/server/writer.h"

#include <Poco/Data/Session.h>
#include <Poco/Logger.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <charconv>

namespace sanad::server {
namespace {

using namespace Poco::Data::Keywords;
using core::codec::encode;

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.api");
}

ApiResponse json(int status, std::string body) {
    return ApiResponse{status, std::move(body), {}};
}

ApiResponse error(int status, std::string_view code, std::string_view message) {
    return json(status, encode(core::ErrorResponse{std::string(code), std::string(message)}));
}

ApiResponse fieldError(const core::CodecError& e) {
    if (e.field().empty()) {
        return error(400, "malformed_json", e.message());
    }
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    body->set("error", std::string("invalid_field"));
    body->set("message", e.message());
    body->set("field", e.field());
    return json(400, core::codec::stringify(body));
}

std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos) {
            end = path.size();
        }
        if (end > start) {
            parts.push_back(path.substr(start, end - start));
        }
        start = end + 1;
    }
    return parts;
}

std::optional<std::int64_t> parseInt(std::string_view text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

bool isJsonContentType(const std::optional<std::string>& contentType) {
    if (!contentType) {
        return false;
    }
    std::string type = contentType->substr(0, contentType->find(';'));
    Poco::trimInPlace(type);
    return Poco::icompare(type, "application/json") == 0;
}

bool isUsableKey(const std::string& key) {
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

std::string notFoundMessage(std::string_view what, std::string_view id) {
    return std::string(what) + " '" + std::string(id) + "' does not exist";
}

}  // namespace

Api::Api(const Database& database, Writer& writer, const ServerOptions& options,
         std::string version)
    : database_(database), writer_(writer), options_(options), version_(std::move(version)) {
    practiceKey_ = ensurePracticeKey(database_);
}

std::optional<std::string> Api::authenticate(std::string_view authorization) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization.size() <= kBearer.size() ||
        Poco::icompare(std::string(authorization.substr(0, kBearer.size())),
                       std::string(kBearer)) != 0) {
        return std::nullopt;
    }
    std::string token(authorization.substr(kBearer.size()));
    Poco::trimInPlace(token);
    if (token.empty()) {
        return std::nullopt;
    }
    const std::string hash = core::sha256Hex(token);
    auto find = [&]() -> std::optional<std::string> {
        std::optional<std::string> match;
        for (const Device& d : devices_) {
            // Look at every device, so the time does not tell which one was close.
            if (core::constantTimeEquals(d.tokenHash, hash)) {
                match = d.id;
            }
        }
        return match;
    };
    std::lock_guard lock(devicesMutex_);
    if (auto device = find()) {
        return device;
    }
    auto session = database_.readSession();
    devices_.clear();
    for (auto& row : repo::allDevices(*session)) {
        devices_.push_back({std::move(row.id), std::move(row.tokenHash)});
    }
    return find();
}

ApiResponse Api::handle(const ApiRequest& request) {
    try {
        Poco::URI uri;
        try {
            uri = Poco::URI(request.uri);
        } catch (const Poco::Exception&) {
            return error(400, "bad_request", "the request target is not a valid URI");
        }
        const std::string path = uri.getPath();
        const std::vector<std::string> parts = splitPath(path);
        const std::string& method = request.method;

        if (path == "/api/health") {
            if (method != "GET" && method != "HEAD") {
                auto r = error(405, "method_not_allowed", "use GET");
                r.headers.emplace_back("Allow", "GET");
                return r;
            }
            return health();
        }

        // 401 before anything else.
        const std::optional<std::string> device = authenticate(request.authorization);
        if (!device) {
            auto r = error(401, "unauthorized", "a valid device token is required");
            r.headers.emplace_back("WWW-Authenticate", "Bearer");
            return r;
        }

        // Which call, and which method it takes.
        enum class Call {
            Config,
            Queues,
            Tickets,
            Changes,
            CheckIn,
            Transition,
            NumberBlocks,
            Live
        };
        std::optional<Call> call;
        std::string allowed = "GET";
        std::string id;
        if (parts.size() == 2 && parts[0] == "api") {
            if (parts[1] == "config")
                call = Call::Config;
            else if (parts[1] == "queues")
                call = Call::Queues;
            else if (parts[1] == "changes")
                call = Call::Changes;
            else if (parts[1] == "number-blocks")
                call = Call::NumberBlocks, allowed = "POST";
            else if (parts[1] == "live")
                call = Call::Live;
        } else if (parts.size() == 3 && parts[0] == "api" && parts[1] == "nfc" &&
                   parts[2] == "check-in") {
            call = Call::CheckIn, allowed = "POST";
        } else if (parts.size() == 4 && parts[0] == "api" && parts[1] == "queues" &&
                   parts[3] == "tickets") {
            call = Call::Tickets, id = parts[2];
        } else if (parts.size() == 4 && parts[0] == "api" && parts[1] == "tickets" &&
                   parts[3] == "transitions") {
            call = Call::Transition, id = parts[2], allowed = "POST";
        }
        if (!call) {
            return error(404, "not_found", "no such API call: " + path);
        }
        if (method != allowed && !(allowed == "GET" && method == "HEAD")) {
            auto r = error(405, "method_not_allowed", "use " + allowed);
            r.headers.emplace_back("Allow", allowed);
            return r;
        }
        if (request.bodyTooLarge) {
            return error(413, "payload_too_large",
                         "the body is larger than " + std::to_string(kMaxBodyBytes) + " bytes");
        }
        if (allowed == "POST") {
            if (!isJsonContentType(request.contentType)) {
                return error(415, "unsupported_media_type",
                             "send the body as Content-Type: application/json");
            }
        }

        switch (*call) {
            case Call::Config:
                return config(*device);
            case Call::Queues:
                return queues();
            case Call::Tickets: {
                bool all = false;
                for (const auto& [name, value] : uri.getQueryParameters()) {
                    all = all || (name == "all" && value == "1");
                }
                return tickets(id, all);
            }
            case Call::Changes:
                return changes(uri.getRawQuery());
            case Call::CheckIn:
                return checkIn(request, *device);
            case Call::Transition:
                return transition(request, *device, id);
            case Call::NumberBlocks:
                return numberBlocks(request, *device);
            case Call::Live:
                return error(426, "upgrade_required", "/api/live is a WebSocket");
        }
        return error(404, "not_found", "no such API call");
    } catch (const core::CodecError& e) {
        return fieldError(e);
    } catch (const StorageError& e) {
        logger().error("storage: %s", e.displayText());
        return error(503, "storage_unavailable", "the server could not store the change; retry");
    } catch (const Poco::Exception& e) {
        logger().error("request failed: %s", e.displayText());
        return error(500, "internal_error", "the server failed; retry later");
    } catch (const std::exception& e) {
        logger().error("request failed: %s", std::string(e.what()));
        return error(500, "internal_error", "the server failed; retry later");
    }
}

// --- reads ---

ApiResponse Api::health() const {
    return json(200, encode(core::HealthResponse{"ok", core::now(), version_}));
}

ApiResponse Api::config(const std::string&) {
    return json(
        200, encode(core::ConfigResponse{
                 practiceKey_, options_.checkinWindow.count(),
                 static_cast<std::int64_t>(options_.idempotencyRetention.count()), core::now()}));
}

ApiResponse Api::queues() {
    auto session = database_.readSession();
    return json(200, encode(core::QueuesResponse{
                         repo::allQueues(*session, core::localDay(core::now())), core::now()}));
}

ApiResponse Api::tickets(const std::string& queueId, bool all) {
    auto session = database_.readSession();
    const std::string day = core::localDay(core::now());
    // One read transaction: the seq and the tickets describe the same moment.
    database_.beginRead(*session);
    core::TicketsResponse response;
    try {
        if (!repo::findQueue(*session, queueId)) {
            *session << "COMMIT", now;
            return error(404, "not_found", notFoundMessage("queue", queueId));
        }
        response.seq = repo::latestSeq(*session);
        response.tickets = repo::ticketsOfQueue(*session, queueId, day, all);
        *session << "COMMIT", now;
    } catch (...) {
        *session << "ROLLBACK", now;
        throw;
    }
    response.serverTime = core::now();
    return json(200, encode(response));
}

ApiResponse Api::changes(std::string_view rawQuery) {
    std::int64_t since = 0;
    std::int64_t limit = 1000;
    Poco::URI uri("/?" + std::string(rawQuery));
    for (const auto& [name, value] : uri.getQueryParameters()) {
        if (name == "since" || name == "limit") {
            const auto parsed = parseInt(value);
            if (!parsed || *parsed < (name == "since" ? 0 : 1)) {
                return error(400, "invalid_field",
                             name + " must be a whole number" +
                                 (name == "since" ? " (0 or more)" : " (1 or more)"));
            }
            (name == "since" ? since : limit) = *parsed;
        }
    }
    limit = std::min<std::int64_t>(limit, 1000);
    auto session = database_.readSession();
    database_.beginRead(*session);
    std::vector<repo::StoredChange> rows;
    std::int64_t latest = 0;
    try {
        rows = repo::changesSince(*session, since, limit + 1);
        latest = repo::latestSeq(*session);
        *session << "COMMIT", now;
    } catch (...) {
        *session << "ROLLBACK", now;
        throw;
    }
    const bool more = static_cast<std::int64_t>(rows.size()) > limit;
    if (more) {
        rows.resize(static_cast<std::size_t>(limit));
    }
    // The stored ticket JSON goes out as it is: no decode/encode round trip per change.
    std::string body = "{\"changes\":[";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i > 0) {
            body += ',';
        }
        body +=
            "{\"seq\":" + std::to_string(rows[i].seq) + ",\"ticket\":" + rows[i].ticketJson + "}";
    }
    body += "],\"seq\":" + std::to_string(latest) + ",\"more\":" + (more ? "true" : "false") + "}";
    return json(200, std::move(body));
}

// --- idempotent writes ---

template <typename Effect>
ApiResponse Api::once(const ApiRequest& request, const std::string& device, Effect effect) {
    const std::string& key = *request.idempotencyKey;
    const std::string fingerprint = core::sha256Hex(
        request.method + "\n" + Poco::URI(request.uri).getPath() + "\n" + request.body);

    auto replay = [&](const repo::IdempotencyRecord& record) {
        if (!core::constantTimeEquals(record.fingerprint, fingerprint)) {
            return error(422, "idempotency_key_reused",
                         "this idempotency key was used for a different request");
        }
        ApiResponse r = json(record.status, record.body);
        r.headers.emplace_back("Idempotent-Replayed", "true");
        return r;
    };
    auto inFlight = [] {
        ApiResponse r = error(409, "idempotency_in_flight",
                              "a request with this idempotency key is still being processed");
        r.headers.emplace_back("Retry-After", "1");
        return r;
    };

    {
        auto session = database_.readSession();
        if (auto record = repo::findIdempotency(*session, device, key)) {
            return replay(*record);
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
        Api& api;
        const std::string& slot;
        ~Release() {
            std::lock_guard lock(api.inFlightMutex_);
            api.inFlight_.erase(slot);
        }
    } release{*this, slot};

    ApiResponse response;
    writer_.run([&](WriteContext& context) {
        // Reserved before any work, in the same transaction as the effect and its answer.
        if (!repo::reserveIdempotency(context.session, device, key, {fingerprint, 0, ""},
                                      repo::toMillis(context.now))) {
            auto record = repo::findIdempotency(context.session, device, key);
            response = record && record->status != 0 ? replay(*record) : inFlight();
            return;
        }
        response = effect(context);
        if (response.status >= 500) {
            throw StorageError("the effect failed with " + std::to_string(response.status));
        }
        repo::completeIdempotency(context.session, device, key, response.status, response.body);
    });
    return response;
}

ApiResponse Api::checkIn(const ApiRequest& request, const std::string& device) {
    const core::CheckIn in = core::codec::decodeCheckIn(request.body, core::now());
    if (!request.idempotencyKey || !isUsableKey(*request.idempotencyKey)) {
        return error(400, "missing_idempotency_key", "X-Idempotency-Key is required");
    }
    {
        auto session = database_.readSession();
        if (!repo::findQueue(*session, in.queueId)) {
            return error(404, "not_found", notFoundMessage("queue", in.queueId));
        }
    }
    const auto window = options_.checkinWindow;
    return once(request, device, [&](WriteContext& context) -> ApiResponse {
        auto& session = context.session;
        const std::string day = core::localDay(context.now);
        if (auto existing = repo::findTicket(session, in.ticketId)) {
            return json(200, encode(core::CheckInResponse{*existing, core::CheckInOutcome::Existing,
                                                          std::nullopt}));
        }
        const auto queue = repo::findQueue(session, in.queueId);
        if (!queue) {
            return error(404, "not_found", notFoundMessage("queue", in.queueId));
        }
        const auto cardTickets = repo::ticketsOfCard(session, in.cardRef, day);
        const core::CheckInVerdict verdict =
            core::decideCheckIn(cardTickets, device, in.checkedInAt, window);
        if (verdict.decision == core::CheckInDecision::ReturnExisting) {
            const auto existing = repo::findTicket(session, verdict.related->id);
            return json(200, encode(core::CheckInResponse{*existing, core::CheckInOutcome::Existing,
                                                          std::nullopt}));
        }
        core::Ticket ticket;
        ticket.id = in.ticketId;
        if (in.number && repo::takeLeasedNumber(session, queue->id, day, *in.number, device)) {
            ticket.number = *in.number;
        } else {
            ticket.number = core::formatTicketNumber(
                queue->code, repo::reserveCounter(session, queue->id, day, 1));
        }
        ticket.queueId = queue->id;
        ticket.status = core::TicketStatus::Waiting;
        ticket.patient = repo::knownCardName(session, in.cardRef);
        ticket.cardRef = in.cardRef;
        ticket.deviceId = device;
        ticket.version = 1;
        ticket.checkedInAt = in.checkedInAt;
        ticket.createdAt = context.now;
        ticket.updatedAt = context.now;
        ticket = context.insertWaiting(std::move(ticket), day);
        context.recordChange(ticket);
        core::CheckInResponse response{ticket, core::CheckInOutcome::Created, std::nullopt};
        if (verdict.decision == core::CheckInDecision::CreateWithWarning) {
            response.warning = std::string(core::kWarningSameCardOtherDevice);
        }
        return json(201, encode(response));
    });
}

ApiResponse Api::transition(const ApiRequest& request, const std::string& device,
                            const std::string& ticketId) {
    const core::Transition requested = core::codec::decodeTransition(request.body, core::now());
    if (!request.idempotencyKey || !isUsableKey(*request.idempotencyKey)) {
        return error(400, "missing_idempotency_key", "X-Idempotency-Key is required");
    }
    {
        auto session = database_.readSession();
        if (!repo::findTicket(*session, ticketId)) {
            return error(404, "not_found", notFoundMessage("ticket", ticketId));
        }
    }
    return once(request, device, [&](WriteContext& context) -> ApiResponse {
        auto& session = context.session;
        const auto server = repo::findTicket(session, ticketId);
        if (!server) {
            return error(404, "not_found", notFoundMessage("ticket", ticketId));
        }
        const core::TransitionVerdict verdict = core::resolveTransition(*server, requested);
        switch (verdict.resolution) {
            case core::Resolution::Conflict:
                return json(409, encode(core::ConflictResponse{*verdict.rule, *server, requested}));
            case core::Resolution::InvalidTransition:
                return error(422, "invalid_transition",
                             "a ticket that is " + std::string(core::toString(server->status)) +
                                 " cannot become " + std::string(core::toString(requested.to)));
            default:
                break;
        }
        core::Ticket result = *server;
        if (verdict.changesTicket) {
            result =
                context.update(*server, core::applyTransition(*server, requested, context.now));
            context.recordChange(result);
        }
        return json(200, encode(core::TransitionResponse{result, verdict.resolution}));
    });
}

ApiResponse Api::numberBlocks(const ApiRequest& request, const std::string& device) {
    const core::NumberBlockRequest in = core::codec::decodeNumberBlockRequest(request.body);
    if (request.idempotencyKey && !isUsableKey(*request.idempotencyKey)) {
        return error(400, "invalid_field", "X-Idempotency-Key is not a usable key");
    }
    {
        auto session = database_.readSession();
        if (!repo::findQueue(*session, in.queueId)) {
            return error(404, "not_found", notFoundMessage("queue", in.queueId));
        }
    }
    auto effect = [&](WriteContext& context) -> ApiResponse {
        const std::string day = core::localDay(context.now);
        const auto queue = repo::findQueue(context.session, in.queueId);
        if (!queue) {
            return error(404, "not_found", notFoundMessage("queue", in.queueId));
        }
        core::NumberBlockResponse response{queue->id, {}};
        const std::int64_t first = repo::reserveCounter(context.session, queue->id, day, in.size);
        for (std::int64_t i = 0; i < in.size; ++i) {
            response.numbers.push_back(core::formatTicketNumber(queue->code, first + i));
            repo::leaseNumber(context.session, queue->id, day, response.numbers.back(), device);
        }
        return json(201, encode(response));
    };
    if (request.idempotencyKey) {
        return once(request, device, effect);
    }
    ApiResponse response;
    writer_.run([&](WriteContext& context) { response = effect(context); });
    return response;
}

std::size_t Api::purgeExpiredKeys() {
    std::size_t purged = 0;
    const auto cutoff = core::now() - std::chrono::duration_cast<std::chrono::milliseconds>(
                                          options_.idempotencyRetention);
    writer_.run([&](WriteContext& context) {
        purged = repo::purgeIdempotency(context.session, repo::toMillis(cutoff));
    });
    return purged;
}

}  // namespace sanad::server
