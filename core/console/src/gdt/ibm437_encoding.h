#pragma once

// IBM437 (code page 437, "DOS US"), 9206=2 and the default of GDT 2.1. Poco 1.11 has no such
// encoding (neither Foundation nor PocoEncodings), so this is one in Poco's shape: a character map
// for Poco::TextConverter. Decoding only; thread-safe (immutable).

#include <Poco/TextEncoding.h>

namespace sanad::core {

class Ibm437Encoding : public Poco::TextEncoding {
public:
    Ibm437Encoding();
    const char* canonicalName() const override { return "IBM437"; }
    bool isA(const std::string& encodingName) const override;
    const CharacterMap& characterMap() const override { return map_; }
    int convert(const unsigned char* bytes) const override { return map_[*bytes]; }
    int convert(int ch, unsigned char* bytes, int length) const override;
    int queryConvert(const unsigned char* bytes, int length) const override;
    int sequenceLength(const unsigned char* bytes, int length) const override;

private:
    CharacterMap map_;
};

}  // namespace sanad::core
