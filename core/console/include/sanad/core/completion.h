#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace sanad::core {

/// What a piece of queued work came to, handed to its completion callback: the work's value, or
/// the reason there is none (the work threw, or it never ran because the engine stopped or its
/// core could not start). Failure is a value here, so it cannot vanish the way an exception in a
/// future nobody reads does. `Completion<>` is the form for work without a value.
/// Thread-safety: a plain value; safe to move between threads.
template <typename T = std::monostate>
class Completion {
public:
    static Completion success(T value) { return Completion(std::move(value), std::string()); }
    static Completion failure(std::string error) {
        return Completion(std::nullopt, error.empty() ? "unknown error" : std::move(error));
    }

    bool ok() const { return value_.has_value(); }
    /// The value; only when ok().
    T& value() { return *value_; }
    const T& value() const { return *value_; }
    /// Why there is no value (English, for the log); empty when ok().
    const std::string& error() const { return error_; }

private:
    Completion(std::optional<T> value, std::string error)
        : value_(std::move(value)), error_(std::move(error)) {}

    std::optional<T> value_;
    std::string error_;
};

/// A completion callback.
template <typename T = std::monostate>
using Done = std::function<void(Completion<T>)>;

}  // namespace sanad::core
