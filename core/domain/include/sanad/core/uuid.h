#pragma once

#include <string>
#include <string_view>

namespace sanad::core {

/// A random (version 4, RFC 9562) UUID in canonical lower-case form, from OpenSSL's RAND_bytes.
/// Used for ticket ids and for outbox row ids, which are also the idempotency keys: made once
/// per row and reused on every retry.
std::string newUuidV4();

/// Whether `text` is a canonical UUID: 8-4-4-4-12 hex digits (either case).
bool isUuid(std::string_view text);

}  // namespace sanad::core
