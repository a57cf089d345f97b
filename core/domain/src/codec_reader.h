#pragma once
// The codec's private helpers, shared by its source files: a strict reader of JSON objects that
// names every failure by its dotted path, and small builders.

#include "sanad/core/codec.h"

#include "sanad/core/crypto.h"
#include "sanad/core/error.h"
#include "sanad/core/uuid.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <limits>

namespace sanad::core::codec::detail {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

inline Object::Ptr newObject() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

inline Var nullable(const std::optional<std::string>& value) {
    return value ? Var(*value) : Var();
}
inline Var nullable(const std::optional<std::int64_t>& value) {
    return value ? Var(*value) : Var();
}
inline Var nullable(const std::optional<double>& value) {
    return value ? Var(*value) : Var();
}
inline Var nullable(const std::optional<Timestamp>& value) {
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

    std::optional<double> optNumber(const std::string& name) const {
        const Var value = optional(name);
        if (value.isEmpty()) {
            return std::nullopt;
        }
        if (!value.isNumeric() || value.isBoolean() || value.isString()) {
            fail(name, "must be a number or null");
        }
        return value.convert<double>();
    }

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

    bool has(const std::string& name) const { return object_.has(name); }

    /// A member of a partial update: absent, null, or a string (bounded to `maxChars`).
    Patch<std::string> patchString(const std::string& name, std::size_t maxChars) const {
        if (!object_.has(name)) {
            return std::nullopt;
        }
        return std::optional<std::string>(boundedString(name, maxChars));
    }

    /// An optional string of at most `maxChars` characters.
    std::optional<std::string> boundedString(const std::string& name, std::size_t maxChars) const {
        std::optional<std::string> value = optString(name);
        if (value && utf8Length(*value) > maxChars) {
            fail(name, "must be at most " + std::to_string(maxChars) + " characters");
        }
        return value;
    }

    /// "normal" or "urgent"; `fallback` when absent or null (nullopt: required).
    Priority priority(const std::string& name, std::optional<Priority> fallback) const {
        const std::optional<std::string> text = fallback ? optString(name) : string(name);
        if (!text) {
            return *fallback;
        }
        const auto value = parsePriority(*text);
        if (!value) {
            fail(name, "must be 'normal' or 'urgent'");
        }
        return *value;
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

inline Reader rootReader(const Object::Ptr& object) {
    return Reader(*object, "");
}

inline const Object& asObject(const Var& value, const std::string& path) {
    if (value.type() != typeid(Object::Ptr) || value.extract<Object::Ptr>().isNull()) {
        throw CodecError(path, "must be an object");
    }
    return *value.extract<Object::Ptr>();
}

inline Queue queueFrom(const Reader& r) {
    Queue q;
    q.id = r.nonEmptyString("id");
    q.name = r.string("name");
    q.code = r.nonEmptyString("code");
    q.ticketCount = r.nonNegative("ticket_count");
    return q;
}

inline Transition transitionFrom(const Reader& r, Timestamp defaultTime) {
    Transition t;
    t.to = r.status("to");
    t.baseVersion = r.nonNegative("base_version");
    t.at = r.optTimestamp("at").value_or(defaultTime);
    t.room = r.optString("room");
    t.force = r.boolean("force", false);
    return t;
}

inline Object::Ptr errorObject(std::string_view code, std::string_view message) {
    Object::Ptr o = newObject();
    o->set("error", std::string(code));
    o->set("message", std::string(message));
    return o;
}

}  // namespace sanad::core::codec::detail
