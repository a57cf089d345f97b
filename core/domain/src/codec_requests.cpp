// The codec of the requests and their answers: check-in, transitions, number blocks, the live
// feed's frames and the error body.
#include "codec_reader.h"

namespace sanad::core::codec {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;
using namespace detail;

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
    if (v.warningDetail) {
        Object::Ptr detail = newObject();
        detail->set("device", v.warningDetail->device);
        detail->set("number", v.warningDetail->number);
        detail->set("checked_in_at", formatTimestamp(v.warningDetail->checkedInAt));
        o->set("warning_detail", detail);
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
    if (r.has("warning_detail") && !o->isNull("warning_detail")) {
        const Reader d = r.child("warning_detail");
        v.warningDetail =
            WarningDetail{d.string("device"), d.string("number"), d.timestamp("checked_in_at")};
    }
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
