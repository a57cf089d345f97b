#include "codec_reader.h"

#include <Poco/Exception.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace sanad::core::codec {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;
using namespace detail;

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
    o->set("priority", std::string(toString(t.priority)));
    o->set("note", nullable(t.note));
    o->set("patient_id", nullable(t.patientId));
    o->set("source", std::string(toString(t.source)));
    o->set("queued_at", formatTimestamp(t.queuedAt));
    o->set("waiting_ahead", nullable(t.waitingAhead));
    o->set("estimated_wait_min", nullable(t.estimatedWaitMin));
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
    // v1.1 members: always sent by a v1.1 server, absent in v1 bodies (and in a console cache
    // written by a v1 console), so they default to what a v1 ticket was
    t.priority = r.priority("priority", Priority::Normal);
    t.note = r.optString("note");
    t.patientId = r.optString("patient_id");
    const std::optional<std::string> source = r.optString("source");
    if (source) {
        const auto parsed = parseTicketSource(*source);
        if (!parsed) {
            r.fail("source", "must be 'card' or 'desk'");
        }
        t.source = *parsed;
    } else {
        t.source = t.cardRef ? TicketSource::Card : TicketSource::Desk;
    }
    t.queuedAt = r.optTimestamp("queued_at").value_or(t.checkedInAt);
    t.waitingAhead = r.optInteger("waiting_ahead");
    t.estimatedWaitMin = r.optInteger("estimated_wait_min");
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
    o->set("public_url", nullable(v.publicUrl));
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
    v.publicUrl = r.optString("public_url");
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

}  // namespace sanad::core::codec
