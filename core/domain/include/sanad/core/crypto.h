#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sanad::core {

using Bytes = std::vector<std::uint8_t>;

/// `n` bytes from OpenSSL's CSPRNG (RAND_bytes). Throws CryptoError if it cannot deliver.
Bytes randomBytes(std::size_t n);

/// Lower-case hex.
std::string toHex(std::span<const std::uint8_t> bytes);
/// Hex (either case, even length) to bytes; nullopt for anything else.
std::optional<Bytes> fromHex(std::string_view hex);

/// SHA-256 of `data`, lower-case hex (64 characters).
std::string sha256Hex(std::string_view data);

/// HMAC-SHA256(key, data), raw 32 bytes.
Bytes hmacSha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data);

/// The card's identity on the wire and on disk:
///   card_ref = hex(HMAC-SHA256(practice_key, uid))
/// where practice_key is the raw bytes behind the hex of `GET /api/config` and uid the card's raw
/// UID bytes. Lower-case, 64 characters. The raw UID goes nowhere else.
std::string cardRef(std::span<const std::uint8_t> practiceKey, std::span<const std::uint8_t> uid);

/// The patient page's key for a ticket (DESIGN.md, pages for patients): the first 32 hex
/// characters of HMAC-SHA256(practice_key, "status:" + ticket_id), the id as lower-case UUID text.
std::string statusToken(std::span<const std::uint8_t> practiceKey, std::string_view ticketId);

/// Whether `text` looks like a card_ref: exactly 64 lower-case hex digits.
bool isCardRef(std::string_view text);

/// Whether `text` can be a status token: exactly 32 lower-case hex digits.
bool isStatusToken(std::string_view text);

/// Compares two strings in time that depends only on their lengths (for token hashes).
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace sanad::core
