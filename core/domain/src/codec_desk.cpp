// The codec of wire contract v1.1's front-desk bodies: walk-ins, cards, edits, one ticket, its
// history, and the day's statistics.
#include "codec_reader.h"

namespace sanad::core::codec {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;
using namespace detail;

namespace {

Array::Ptr ticketArray(const std::vector<Ticket>& tickets) {
    Array::Ptr items = new Array;
    for (const Ticket& t : tickets) {
        items->add(toObject(t));
    }
    return items;
}

std::vector<Ticket> ticketsFrom(const Reader& r, const std::string& name) {
    std::vector<Ticket> tickets;
    r.array(name, [&](const Var& item, const std::string& path) {
        tickets.push_back(ticketFrom(asObject(item, path), path));
    });
    return tickets;
}

Card cardFrom(const Reader& r) {
    Card c;
    c.cardRef = r.string("card_ref");
    if (!isCardRef(c.cardRef)) {
        r.fail("card_ref", "must be 64 lower-case hex digits (HMAC-SHA256)");
    }
    c.patient = r.optString("patient");
    c.patientId = r.optString("patient_id");
    c.updatedAt = r.timestamp("updated_at");
    return c;
}

template <typename T>
void setPatch(Object& o, const std::string& name, const Patch<T>& value) {
    if (value) {
        o.set(name, nullable(*value));
    }
}

}  // namespace

// --- walk-ins ---

std::string encode(const DeskCheckIn& v) {
    Object::Ptr o = newObject();
    o->set("ticket_id", v.ticketId);
    o->set("queue_id", v.queueId);
    o->set("checked_in_at", formatTimestamp(v.checkedInAt));
    o->set("number", nullable(v.number));
    o->set("patient", nullable(v.patient));
    o->set("patient_id", nullable(v.patientId));
    o->set("priority", std::string(toString(v.priority)));
    o->set("note", nullable(v.note));
    return stringify(o);
}

DeskCheckIn decodeDeskCheckIn(std::string_view json, Timestamp defaultTime) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    DeskCheckIn v;
    v.ticketId = r.uuid("ticket_id");
    v.queueId = r.nonEmptyString("queue_id");
    v.checkedInAt = r.optTimestamp("checked_in_at").value_or(defaultTime);
    v.number = r.optString("number");
    v.patient = r.boundedString("patient", kMaxPatientNameChars);
    v.patientId = r.boundedString("patient_id", kMaxPatientIdChars);
    v.priority = r.priority("priority", Priority::Normal);
    v.note = r.boundedString("note", kMaxNoteChars);
    return v;
}

// --- cards ---

Object::Ptr toObject(const Card& c) {
    Object::Ptr o = newObject();
    o->set("card_ref", c.cardRef);
    o->set("patient", nullable(c.patient));
    o->set("patient_id", nullable(c.patientId));
    o->set("updated_at", formatTimestamp(c.updatedAt));
    return o;
}

std::string encode(const CardResponse& v) {
    Object::Ptr o = newObject();
    o->set("card", toObject(v.card));
    return stringify(o);
}

CardResponse decodeCardResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    return {cardFrom(rootReader(o).child("card"))};
}

std::string encode(const CardRegistration& v) {
    Object::Ptr o = newObject();
    o->set("patient", nullable(v.patient));
    o->set("patient_id", nullable(v.patientId));
    return stringify(o);
}

CardRegistration decodeCardRegistration(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    return {r.boundedString("patient", kMaxPatientNameChars),
            r.boundedString("patient_id", kMaxPatientIdChars)};
}

std::string encode(const CardRegisteredResponse& v) {
    Object::Ptr o = newObject();
    o->set("card", toObject(v.card));
    o->set("tickets", ticketArray(v.tickets));
    return stringify(o);
}

CardRegisteredResponse decodeCardRegisteredResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    return {cardFrom(r.child("card")), ticketsFrom(r, "tickets")};
}

// --- edits and one ticket ---

std::string encode(const TicketEdit& v) {
    Object::Ptr o = newObject();
    o->set("base_version", v.baseVersion);
    if (v.at) {
        o->set("at", formatTimestamp(*v.at));
    }
    if (v.priority) {
        o->set("priority", std::string(toString(*v.priority)));
    }
    setPatch(*o, "note", v.note);
    setPatch(*o, "patient", v.patient);
    setPatch(*o, "patient_id", v.patientId);
    if (v.queueId) {
        o->set("queue_id", *v.queueId);
    }
    return stringify(o);
}

TicketEdit decodeTicketEdit(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    TicketEdit v;
    v.baseVersion = r.nonNegative("base_version");
    v.at = r.optTimestamp("at");
    if (r.has("priority")) {
        v.priority = r.priority("priority", std::nullopt);
    }
    v.note = r.patchString("note", kMaxNoteChars);
    v.patient = r.patchString("patient", kMaxPatientNameChars);
    v.patientId = r.patchString("patient_id", kMaxPatientIdChars);
    if (r.has("queue_id")) {
        v.queueId = r.nonEmptyString("queue_id");
    }
    return v;
}

std::string encode(const TicketResponse& v) {
    Object::Ptr o = newObject();
    o->set("ticket", toObject(v.ticket));
    return stringify(o);
}

TicketResponse decodeTicketResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    return {ticketFrom(rootReader(o).object("ticket"), "ticket")};
}

// --- history ---

std::string encode(const HistoryResponse& v) {
    Object::Ptr o = newObject();
    Array::Ptr items = new Array;
    for (const HistoryEntry& e : v.history) {
        Object::Ptr item = newObject();
        item->set("seq", e.seq);
        item->set("at", formatTimestamp(e.at));
        item->set("device", e.device);
        item->set("ticket", toObject(e.ticket));
        items->add(item);
    }
    o->set("history", items);
    return stringify(o);
}

HistoryResponse decodeHistoryResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    HistoryResponse v;
    rootReader(o).array("history", [&](const Var& item, const std::string& path) {
        const Reader e(asObject(item, path), path);
        v.history.push_back({e.nonNegative("seq"), e.timestamp("at"), e.string("device"),
                             ticketFrom(e.object("ticket"), e.field("ticket"))});
    });
    return v;
}

// --- statistics ---

std::string encode(const StatsResponse& v) {
    Object::Ptr o = newObject();
    o->set("day", v.day);
    Array::Ptr queues = new Array;
    for (const QueueStats& q : v.queues) {
        Object::Ptr item = newObject();
        item->set("queue_id", q.queueId);
        item->set("checked_in", q.checkedIn);
        item->set("completed", q.completed);
        item->set("no_show", q.noShow);
        item->set("cancelled", q.cancelled);
        item->set("open", q.open);
        item->set("wait_median_min", nullable(q.waitMedianMin));
        item->set("wait_p90_min", nullable(q.waitP90Min));
        Array::Ptr hours = new Array;
        for (const HourStats& h : q.byHour) {
            Object::Ptr hour = newObject();
            hour->set("hour", h.hour);
            hour->set("checked_in", h.checkedIn);
            hour->set("wait_median_min", nullable(h.waitMedianMin));
            hours->add(hour);
        }
        item->set("by_hour", hours);
        queues->add(item);
    }
    o->set("queues", queues);
    return stringify(o);
}

StatsResponse decodeStatsResponse(std::string_view json) {
    const Object::Ptr o = parseObject(json);
    const Reader r = rootReader(o);
    StatsResponse v;
    v.day = r.string("day");
    r.array("queues", [&](const Var& item, const std::string& path) {
        const Reader q(asObject(item, path), path);
        QueueStats s;
        s.queueId = q.nonEmptyString("queue_id");
        s.checkedIn = q.nonNegative("checked_in");
        s.completed = q.nonNegative("completed");
        s.noShow = q.nonNegative("no_show");
        s.cancelled = q.nonNegative("cancelled");
        s.open = q.nonNegative("open");
        s.waitMedianMin = q.optNumber("wait_median_min");
        s.waitP90Min = q.optNumber("wait_p90_min");
        q.array("by_hour", [&](const Var& hourItem, const std::string& hourPath) {
            const Reader h(asObject(hourItem, hourPath), hourPath);
            s.byHour.push_back({h.nonNegative("hour"), h.nonNegative("checked_in"),
                                h.optNumber("wait_median_min")});
        });
        v.queues.push_back(std::move(s));
    });
    return v;
}

}  // namespace sanad::core::codec
