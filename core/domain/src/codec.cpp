#include "sanad/core/codec.h"

#include "sanad/core/crypto.h"
#include "sanad/core/error.h"
#include "sanad/core/uuid.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>

#include <limits>
#include <sstream>

namespace sanad::core::codec {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr newObject() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

Var nullable(const std::optional<std::string>& value) {
    return value ? Var(*value) : Var();
}
Var nullable(const std::optional<std::int64_t>& value) {
    return value ? Var(*value) : Var();
}
Var nullable(const std::optional<Timestamp>& value) {
    return value ? Var(formatTimestamp(*value)) : Var();
}

/// Reads the fields of one JSON object strictly, naming every failure by its dotted path.
class Reader {
public:
    Reader(const Object& object, std::string path) : object_(object), path_(std::move(path)) {}

    std::string field(const std::string& name) const {
        return path_.empty() ? name : path_ + "." + name;
    }

    std::string string(const std::string& name) const {
        const Var value = required(name);
        if (!value.isString()) {
            fail(name, "must be a string");
        }
        return value.extract<std::string>();
    }

    std::string nonEmptyString(const std::string& name) const {
        std::string value = string(name);
        if (value.empty()) {
            fail(name, "must not be empty");
        }
        return value;
    }

    std::optional<std::string> optString(const std::string& name) const {
        const Var value = optional(name);
        if (value.isEmpty()) {
            return std::nullopt;
        }
        if (!value.isString()) {
            fail(name, "must be a string or null");
        }
        return value.extract<std::string>();
    }

    std::int64_t integer(const std::string& name) const { return toInteger(name, required(name)); }

    std::optional<std::int64_t> optInteger(const std::string& name) const {
        const Var value = optional(name);
        if (value.isEmpty()) {
            return std::nullopt;
        }
        return toInteger(name, value);
    }

    std::int64_t nonNegative(const std::string& name) const {
        const std::int64_t value = integer(name);
        if (value < 0) {
            fail(name, "must not be negative");
        }
        return value;
    }

    bool boolean(const std::string& name, std::optional<bool> fallback = std::nullopt) const {
        const Var value = fallback ? optional(name) : required(name);
        if (value.isEmpty()) {
            return *fallback;
        }
        if (!value.isBoolean()) {
            fail(name, "must be true or false");
        }
        return value.extract<bool>();
    }

    Timestamp timestamp(const std::string& name) const { return toTimestamp(name, string(name)); }

    std::optional<Timestamp> optTimestamp(const std::string& name) const {
        const std::optional<std::string> text = optString(name);
        if (!text) {
            return std::nullopt;
        }
        return toTimestamp(name, *text);
    }

    std::string uuid(const std::string& name) const {
        std::string value = string(name);
        if (!isUuid(value)) {
            fail(name, "must be a UUID");
        }
        return value;
    }

    TicketStatus status(const std::string& name) const {
        const std::string text = string(name);
        const auto status = parseTicketStatus(text);
        if (!status) {
            fail(name, "unknown status '" + text + "'");
        }
        return *status;
    }

    const Object& object(const std::string& name) const {
        const Var value = required(name);
        if (value.type() != typeid(Object::Ptr) || value.extract<Object::Ptr>().isNull()) {
            fail(name, "must be an object");
        }
        return *value.extract<Object::Ptr>();
    }

    Reader child(const std::string& name) const { return Reader(object(name), field(name)); }

    /// Calls `each(reader_or_value, path)` for every element of an array field.
    template <typename Each>
    void array(const std::string& name, Each each) const {
        const Var value = required(name);
        if (value.type() != typeid(Array::Ptr) || value.extract<Array::Ptr>().isNull()) {
            fail(name, "must be an array");
        }
        const Array& items = *value.extract<Array::Ptr>();
        for (std::size_t i = 0; i < items.size(); ++i) {
            each(items.get(static_cast<unsigned>(i)), field(name) + "[" + std::to_string(i) + "]");
        }
    }

    [[noreturn]] void fail(const std::string& name, const std::string& message) const {
        throw CodecError(field(name), message);
    }

private:
    Var optional(const std::string& name) const {
        return object_.has(name) ? object_.get(name) : Var();
    }

    Var required(const std::string& name) const {
        if (!object_.has(name)) {
            fail(name, "is missing");
        }
        Var value = object_.get(name);
        if (value.isEmpty()) {
            fail(name, "must not be null");
        }
        return value;
    }

    std::int64_t toInteger(const std::string& name, const Var& value) const {
        if (!value.isInteger() || value.isBoolean() || value.isString()) {
            fail(name, "must be an integer");
        }
        try {
            return value.convert<std::int64_t>();
        } catch (const Poco::Exception&) {
            fail(name, "is out of range");
        }
    }

    Timestamp toTimestamp(const std::string& name, const std::string& text) const {
        const auto parsed = parseTimestamp(text);
        if (!parsed) {
            fail(name, "must be an RFC 3339 time");
        }
        return *parsed;
    }

    const Object& object_;
    std::string path_;
};

Reader rootReader(const Object::Ptr& object) {
    return Reader(*object, "");
}

const Object& asObject(const Var& value, const std::string& path) {
    if (value.type() != typeid(Object::Ptr) || value.extract<Object::Ptr>().isNull()) {
        throw CodecError(path, "must be an object");
    }
    return *value.extract<Object::Ptr>();
}

Queue queueFrom(const Reader& r) {
    Queue q;
    q.id = r.nonEmptyString("id");
    q.name = r.string("name");
    q.code = r.nonEmptyString("code");
    q.ticketCount = r.nonNegative("ticket_count");
    return q;
}

Transition transitionFrom(const Reader& r, Timestamp defaultTime) {
    Transition t;
    t.to = r.status("to");
    t.baseVersion = r.nonNegative("base_version");
    t.at = r.optTimestamp("at").value_or(defaultTime);
    t.room = r.optString("room");
    t.force = r.boolean("force", false);
    return t;
}

Object::Ptr errorObject(std::string_view code, std::string_view message) {
    Object::Ptr o = newObject();
    o->set("error", std::string(code));
    o->set("message", std::string(message));
    return o;
}

}  // namespace

Object::Ptr parseObject(std::string_view json) {
    Var parsed;
    try {
        Poco::JSON::Parser parser;
        parsed = parser.parse(std::string(json));
    } catch (const Poco::Exception& e) {
        throw CodecError("", "malformed JSON: " + e.message());
    } catch (const std::exception& e) {
        throw CodecError("", std::string("malformed JSON: ") + e.what());
    }
    if (parsed.type() != typeid(Object::Ptr) || parsed.extract<Object::Ptr>().isNull()) {
        throw CodecError("", "the body must be a JSON object");
    }
    return parsed.extract<Object::Ptr>();
}

std::string stringify(const Object::Ptr& object) {
    std::ostringstream out;
    object->stringify(out);
    return out.str();
}

// --- domain types ---

Object::Ptr toObject(const Ticket& t) {
    Object::Ptr o = newObject();
    o->set("id", t.id);
    o->set("number", t.number);
    o->set("queue_id", t.queueId);
    o->set("status", std::string(toString(t.status)));
    o->set("position", nullable(t.position));
    o->set("patient", nullable(t.patient));
    o->set("card_ref", nullable(t.cardRef));
    o->set("device_id", t.deviceId);
    o->set("room", nullable(t.room));
    o->set("version", t.version);
    o->set("checked_in_at", formatTimestamp(t.checkedInAt));
    o->set("created_at", formatTimestamp(t.createdAt));
    o->set("updated_at", formatTimestamp(t.updatedAt));
    o->set("called_at", nullable(t.calledAt));
    o->set("completed_at", nullable(t.completedAt));
    return o;
}

Ticket ticketFrom(const Object& object, const std::string& path) {
    const Reader r(object, path);
    Ticket t;
    t.id = r.uuid("id");
    t.number = r.nonEmptyString("number");
    t.queueId = r.nonEmptyString("queue_id");
    t.status = r.status("status");
    t.position = r.optInteger("position");
    if (t.position && *t.position < 1) {
        r.fail("position", "must be 1 or more");
    }
    t.patient = r.optString("patient");
    t.cardRef = r.optString("card_ref");
    t.deviceId = r.string("device_id");
    t.room = r.optString("room");
    t.version = r.integer("version");
    if (t.version < 1) {
        r.fail("version", "must be 1 or more");
    }
    t.checkedInAt = r.timestamp("checked_in_at");
    t.createdAt = r.timestamp("created_at");
    t.updatedAt = r.timestamp("updated_at");
    t.calledAt = r.optTimestamp("called_at");
    t.completedAt = r.optTimestamp("completed_at");
    return t;
}

Object::Ptr toObject(const Queue& q) {
    Object::Ptr o = newObject();
    o->set("id", q.id);
    o->set("name", q.name);
    o->set("code", q.code);
    o->set("ticket_count", q.ticketCount);
    return o;
}

Object::Ptr toObject(const Transition& t) {
    Object::Ptr o = newObject();
    o->set("to", std::string(toString(t.to)));
    o->set("base_version", t.baseVersion);
    o->set("at", formatTimestamp(t.at));
    o->set("room", nullable(t.room));
    o->set("force", t.force);
    return o;
}

std::string encode(const Ticket& value) {
    return stringify(toObject(value));
}
std::string encode(const Queue& value) {
    return stringify(toObject(value));
}
std::string encode(const Transition& value) {
    return stringify(toObject(value));
}

Ticket decodeTicket(std::string_view json) {
    return ticketFrom(*parseObject(json), "");
}
Queue decodeQueue(std::string_view json) {
    return queueFrom(rootReader(parseObject(json)));
}

// --- responses ---

std::string encode(const HealthResponse& v) {
    Object::Ptr o = newObject();
    o->set("status", v.status);
    o->set("server_time", formatTimestamp(v.serverTime));
    o->set("version", v.version);
    return stringify(o);
}

HealthResponse decodeHealthResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    return {r.string("status"), r.timestamp("server_time"), r.string("version")};
}

std::string encode(const ConfigResponse& v) {
    Object::Ptr o = newObject();
    o->set("practice_key", v.practiceKey);
    o->set("checkin_window_s", v.checkinWindowS);
    o->set("idempotency_retention_h", v.idempotencyRetentionH);
    o->set("server_time", formatTimestamp(v.serverTime));
    return stringify(o);
}

ConfigResponse decodeConfigResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    ConfigResponse v;
    v.practiceKey = r.nonEmptyString("practice_key");
    if (!fromHex(v.practiceKey)) {
        r.fail("practice_key", "must be hex");
    }
    v.checkinWindowS = r.nonNegative("checkin_window_s");
    v.idempotencyRetentionH = r.nonNegative("idempotency_retention_h");
    v.serverTime = r.timestamp("server_time");
    return v;
}

std::string encode(const QueuesResponse& v) {
    Object::Ptr o = newObject();
    Poco::JSON::Array::Ptr queues = new Poco::JSON::Array;
    for (const Queue& q : v.queues) {
        queues->add(toObject(q));
    }
    o->set("queues", queues);
    o->set("server_time", formatTimestamp(v.serverTime));
    return stringify(o);
}

QueuesResponse decodeQueuesResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    QueuesResponse v;
    r.array("queues", [&](const Var& item, const std::string& path) {
        v.queues.push_back(queueFrom(Reader(asObject(item, path), path)));
    });
    v.serverTime = r.timestamp("server_time");
    return v;
}

std::string encode(const TicketsResponse& v) {
    Object::Ptr o = newObject();
    Poco::JSON::Array::Ptr tickets = new Poco::JSON::Array;
    for (const Ticket& t : v.tickets) {
        tickets->add(toObject(t));
    }
    o->set("tickets", tickets);
    o->set("seq", v.seq);
    o->set("server_time", formatTimestamp(v.serverTime));
    return stringify(o);
}

TicketsResponse decodeTicketsResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    TicketsResponse v;
    r.array("tickets", [&](const Var& item, const std::string& path) {
        v.tickets.push_back(ticketFrom(asObject(item, path), path));
    });
    v.seq = r.nonNegative("seq");
    v.serverTime = r.timestamp("server_time");
    return v;
}

std::string encode(const ChangesResponse& v) {
    Object::Ptr o = newObject();
    Poco::JSON::Array::Ptr changes = new Poco::JSON::Array;
    for (const Change& c : v.changes) {
        Object::Ptr item = newObject();
        item->set("seq", c.seq);
        item->set("ticket", toObject(c.ticket));
        changes->add(item);
    }
    o->set("changes", changes);
    o->set("seq", v.seq);
    o->set("more", v.more);
    return stringify(o);
}

ChangesResponse decodeChangesResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    ChangesResponse v;
    r.array("changes", [&](const Var& item, const std::string& path) {
        const Reader c(asObject(item, path), path);
        v.changes.push_back(
            Change{c.nonNegative("seq"), ticketFrom(c.object("ticket"), c.field("ticket"))});
    });
    v.seq = r.nonNegative("seq");
    v.more = r.boolean("more", false);
    return v;
}

// --- check-in ---

std::string encode(const CheckIn& v) {
    Object::Ptr o = newObject();
    o->set("ticket_id", v.ticketId);
    o->set("queue_id", v.queueId);
    o->set("card_ref", v.cardRef);
    o->set("checked_in_at", formatTimestamp(v.checkedInAt));
    o->set("number", nullable(v.number));
    return stringify(o);
}

CheckIn decodeCheckIn(std::string_view json, Timestamp defaultTime) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    CheckIn v;
    v.ticketId = r.uuid("ticket_id");
    v.queueId = r.nonEmptyString("queue_id");
    v.cardRef = r.string("card_ref");
    if (!isCardRef(v.cardRef)) {
        r.fail("card_ref", "must be 64 lower-case hex digits (HMAC-SHA256)");
    }
    v.checkedInAt = r.optTimestamp("checked_in_at").value_or(defaultTime);
    v.number = r.optString("number");
    return v;
}

std::string encode(const CheckInResponse& v) {
    Object::Ptr o = newObject();
    o->set("ticket", toObject(v.ticket));
    o->set("outcome", std::string(toString(v.outcome)));
    if (v.warning) {
        o->set("warning", *v.warning);
    }
    return stringify(o);
}

CheckInResponse decodeCheckInResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    CheckInResponse v;
    v.ticket = ticketFrom(r.object("ticket"), "ticket");
    const std::string outcome = r.string("outcome");
    if (outcome == "created") {
        v.outcome = CheckInOutcome::Created;
    } else if (outcome == "existing") {
        v.outcome = CheckInOutcome::Existing;
    } else {
        r.fail("outcome", "unknown outcome '" + outcome + "'");
    }
    v.warning = r.optString("warning");
    return v;
}

// --- transitions ---

Transition decodeTransition(std::string_view json, Timestamp defaultTime) {
    return transitionFrom(rootReader(parseObject(json)), defaultTime);
}

std::string encode(const TransitionResponse& v) {
    Object::Ptr o = newObject();
    o->set("ticket", toObject(v.ticket));
    o->set("resolution", std::string(toString(v.resolution)));
    return stringify(o);
}

TransitionResponse decodeTransitionResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    TransitionResponse v;
    v.ticket = ticketFrom(r.object("ticket"), "ticket");
    const std::string text = r.string("resolution");
    const auto resolution = parseResolution(text);
    if (!resolution || *resolution == Resolution::Conflict ||
        *resolution == Resolution::InvalidTransition) {
        r.fail("resolution", "unknown resolution '" + text + "'");
    }
    v.resolution = *resolution;
    return v;
}

std::string encode(const ConflictResponse& v) {
    Object::Ptr o = errorObject("conflict", "the ticket changed on the server; a person decides");
    o->set("rule", std::string(toString(v.rule)));
    o->set("server", toObject(v.server));
    o->set("requested", toObject(v.requested));
    return stringify(o);
}

ConflictResponse decodeConflictResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    if (r.string("error") != "conflict") {
        r.fail("error", "must be 'conflict'");
    }
    ConflictResponse v;
    const std::string rule = r.string("rule");
    const auto parsed = parseConflictRule(rule);
    if (!parsed) {
        r.fail("rule", "unknown rule '" + rule + "'");
    }
    v.rule = *parsed;
    v.server = ticketFrom(r.object("server"), "server");
    v.requested = transitionFrom(r.child("requested"), Timestamp{});
    return v;
}

// --- number blocks ---

std::string encode(const NumberBlockRequest& v) {
    Object::Ptr o = newObject();
    o->set("queue_id", v.queueId);
    o->set("size", v.size);
    return stringify(o);
}

NumberBlockRequest decodeNumberBlockRequest(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    NumberBlockRequest v;
    v.queueId = r.nonEmptyString("queue_id");
    v.size = r.integer("size");
    if (v.size < 1 || v.size > 1000) {
        r.fail("size", "must be between 1 and 1000");
    }
    return v;
}

std::string encode(const NumberBlockResponse& v) {
    Object::Ptr o = newObject();
    o->set("queue_id", v.queueId);
    Poco::JSON::Array::Ptr numbers = new Poco::JSON::Array;
    for (const std::string& n : v.numbers) {
        numbers->add(n);
    }
    o->set("numbers", numbers);
    return stringify(o);
}

NumberBlockResponse decodeNumberBlockResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    NumberBlockResponse v;
    v.queueId = r.nonEmptyString("queue_id");
    r.array("numbers", [&](const Var& item, const std::string& path) {
        if (!item.isString()) {
            throw CodecError(path, "must be a string");
        }
        v.numbers.push_back(item.extract<std::string>());
    });
    return v;
}

// --- live feed and errors ---

std::string encode(const LiveFrame& v) {
    Object::Ptr o = newObject();
    o->set("type", std::string(v.type == LiveFrameType::Hello ? "hello" : "change"));
    o->set("seq", v.seq);
    if (v.type == LiveFrameType::Change && v.ticket) {
        o->set("ticket", toObject(*v.ticket));
    }
    return stringify(o);
}

LiveFrame decodeLiveFrame(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    LiveFrame v;
    const std::string type = r.string("type");
    v.seq = r.nonNegative("seq");
    if (type == "hello") {
        v.type = LiveFrameType::Hello;
    } else if (type == "change") {
        v.type = LiveFrameType::Change;
        v.ticket = ticketFrom(r.object("ticket"), "ticket");
    } else {
        r.fail("type", "unknown frame type '" + type + "'");
    }
    return v;
}

std::string encode(const ErrorResponse& v) {
    return stringify(errorObject(v.error, v.message));
}

ErrorResponse decodeErrorResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    return {r.nonEmptyString("error"), r.string("message")};
}

}  // namespace sanad::core::codec
