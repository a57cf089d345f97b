#pragma once

#include <Poco/Exception.h>

#include <string>

namespace sanad::core {

/// Root of the typed exceptions that core and server throw. Thread entry points catch these and
/// turn them into values or events; nothing of this tree escapes a thread.
class Error : public Poco::Exception {
public:
    using Poco::Exception::Exception;
    const char* name() const noexcept override { return "sanad error"; }
    const char* className() const noexcept override { return typeid(*this).name(); }
    Poco::Exception* clone() const override { return new Error(*this); }
    void rethrow() const override { throw *this; }
};

/// A wire document that does not match the contract. `field()` names the offending field as a
/// dotted path (e.g. "ticket.status"), or is empty when the document as a whole is bad.
class CodecError : public Error {
public:
    CodecError(const std::string& field, const std::string& message)
        : Error(field.empty() ? message : field + ": " + message), field_(field) {}
    const char* name() const noexcept override { return "codec error"; }
    Poco::Exception* clone() const override { return new CodecError(*this); }
    void rethrow() const override { throw *this; }
    const std::string& field() const { return field_; }

private:
    std::string field_;
};

/// A failure of the cryptographic primitives (OpenSSL).
class CryptoError : public Error {
public:
    using Error::Error;
    const char* name() const noexcept override { return "crypto error"; }
    Poco::Exception* clone() const override { return new CryptoError(*this); }
    void rethrow() const override { throw *this; }
};

}  // namespace sanad::core
