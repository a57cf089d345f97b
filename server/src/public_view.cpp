#include "public_view.h"

#include "sanad/core/codec.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace sanad::server::view {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

Object::Ptr newObject() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

template <typename T>
Var orNull(const std::optional<T>& value) {
    return value ? Var(*value) : Var();
}
Var orNull(const std::optional<core::Timestamp>& value) {
    return value ? Var(core::formatTimestamp(*value)) : Var();
}

Object::Ptr callObject(const repo::CallRow& call) {
    Object::Ptr o = newObject();
    o->set("number", call.number);
    o->set("queue", call.queueName);
    o->set("room", orNull(call.room));
    o->set("called_at", core::formatTimestamp(call.calledAt));
    o->set("priority", std::string(core::toString(call.priority)));
    return o;
}

Poco::JSON::Array::Ptr callArray(const std::vector<repo::CallRow>& calls) {
    Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
    for (const repo::CallRow& call : calls) {
        array->add(callObject(call));
    }
    return array;
}

/// `fields` is a JSON object's text: `prefix` goes after its `{`, `suffix` before its `}`.
std::string wrap(const std::string& prefix, const std::string& fields, const std::string& suffix) {
    return "{" + prefix + fields.substr(1, fields.size() - 2) + suffix + "}";
}

}  // namespace

std::string publicFields(const core::Ticket& ticket, const std::string& queueName) {
    Object::Ptr o = newObject();
    o->set("number", ticket.number);
    o->set("queue", queueName);
    o->set("status", std::string(core::toString(ticket.status)));
    o->set("position", orNull(ticket.position));
    o->set("waiting_ahead", orNull(ticket.waitingAhead));
    o->set("estimated_wait_min", orNull(ticket.estimatedWaitMin));
    o->set("room", orNull(ticket.room));
    o->set("called_at", orNull(ticket.calledAt));
    o->set("updated_at", core::formatTimestamp(ticket.updatedAt));
    return core::codec::stringify(o);
}

std::string publicBody(const std::string& fields, core::Timestamp serverTime) {
    return wrap("", fields, ",\"server_time\":\"" + core::formatTimestamp(serverTime) + "\"");
}

std::string statusFrame(const std::string& fields, core::Timestamp serverTime) {
    return wrap("\"type\":\"status\",", fields,
                ",\"server_time\":\"" + core::formatTimestamp(serverTime) + "\"");
}

std::string unknownFrame() {
    return R"({"type":"unknown"})";
}

std::string callJson(const repo::CallRow& call) {
    return core::codec::stringify(callObject(call));
}

std::string callsBody(const std::vector<repo::CallRow>& calls) {
    Object::Ptr o = newObject();
    o->set("calls", callArray(calls));
    return core::codec::stringify(o);
}

std::string callsFrame(const std::vector<repo::CallRow>& calls) {
    Object::Ptr o = newObject();
    o->set("type", std::string("calls"));
    o->set("calls", callArray(calls));
    return core::codec::stringify(o);
}

std::string callFrame(const repo::CallRow& call) {
    return wrap("\"type\":\"call\",", callJson(call), "");
}

}  // namespace sanad::server::view
