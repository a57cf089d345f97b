#include "sanad/core/crypto.h"

#include "sanad/core/error.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <limits>

namespace sanad::core {

Bytes randomBytes(std::size_t n) {
    Bytes out(n);
    if (n > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
        (n > 0 && RAND_bytes(out.data(), static_cast<int>(n)) != 1)) {
        throw CryptoError("RAND_bytes failed");
    }
    return out;
}

std::string toHex(std::span<const std::uint8_t> bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (std::uint8_t b : bytes) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0x0f]);
    }
    return out;
}

std::optional<Bytes> fromHex(std::string_view hex) {
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    if (hex.size() % 2 != 0) {
        return std::nullopt;
    }
    Bytes out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int hi = nibble(hex[i]);
        const int lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) {
            return std::nullopt;
        }
        out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
    }
    return out;
}

std::string sha256Hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        throw CryptoError("SHA-256 failed");
    }
    return toHex({digest, length});
}

Bytes hmacSha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data) {
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int length = 0;
    if (key.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
        HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data.data(), data.size(),
             out.data(), &length) == nullptr) {
        throw CryptoError("HMAC-SHA256 failed");
    }
    out.resize(length);
    return out;
}

std::string cardRef(std::span<const std::uint8_t> practiceKey, std::span<const std::uint8_t> uid) {
    return toHex(hmacSha256(practiceKey, uid));
}

std::string statusToken(std::span<const std::uint8_t> practiceKey, std::string_view ticketId) {
    const std::string input = "status:" + std::string(ticketId);
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(input.data());
    return toHex(hmacSha256(practiceKey, {bytes, input.size()})).substr(0, 32);
}

namespace {
bool isLowerHex(std::string_view text, std::size_t length) {
    return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}
}  // namespace

bool isCardRef(std::string_view text) {
    return isLowerHex(text, 64);
}

bool isStatusToken(std::string_view text) {
    return isLowerHex(text, 32);
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace sanad::core
