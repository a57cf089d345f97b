#include "wav_file.h"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace sanad::core {

namespace {

std::uint32_t le32(const std::string& data, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) {
        v = (v << 8) | static_cast<unsigned char>(data[at + static_cast<std::size_t>(i)]);
    }
    return v;
}

std::uint16_t le16(const std::string& data, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(data[at]) |
                                      (static_cast<unsigned char>(data[at + 1]) << 8));
}

void put32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) {
        out += static_cast<char>((v >> (8 * i)) & 0xff);
    }
}

void put16(std::string& out, std::uint16_t v) {
    out += static_cast<char>(v & 0xff);
    out += static_cast<char>(v >> 8);
}

[[noreturn]] void bad(const std::string& path, const std::string& why) {
    throw std::runtime_error(path + ": " + why);
}

}  // namespace

Pcm16 readWav(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        bad(path, "cannot be opened");
    }
    const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (data.size() < 12 || data.compare(0, 4, "RIFF") != 0 || data.compare(8, 4, "WAVE") != 0) {
        bad(path, "not a RIFF/WAVE file");
    }
    Pcm16 sound;
    bool haveFormat = false;
    std::size_t at = 12;
    while (at + 8 <= data.size()) {
        const std::string id = data.substr(at, 4);
        const std::size_t size = le32(data, at + 4);
        const std::size_t body = at + 8;
        if (size > data.size() - body) {
            bad(path, "chunk '" + id + "' runs past the end");
        }
        if (id == "fmt ") {
            if (size < 16 || le16(data, body) != 1 || le16(data, body + 14) != 16) {
                bad(path, "not 16-bit PCM");
            }
            sound.channels = le16(data, body + 2);
            sound.sampleRate = static_cast<int>(le32(data, body + 4));
            if (sound.channels < 1 || sound.channels > 2 || sound.sampleRate <= 0) {
                bad(path, "unsupported channels or rate");
            }
            haveFormat = true;
        } else if (id == "data") {
            if (!haveFormat) {
                bad(path, "data before format");
            }
            sound.samples.resize(size / 2);
            for (std::size_t i = 0; i < sound.samples.size(); ++i) {
                sound.samples[i] = static_cast<std::int16_t>(le16(data, body + 2 * i));
            }
            return sound;
        }
        at = body + size + (size % 2);  // chunks are padded to even sizes
    }
    bad(path, "no data chunk");
}

void writeWav(const std::string& path, const Pcm16& sound) {
    const auto bytes = static_cast<std::uint32_t>(sound.samples.size() * 2);
    const auto channels = static_cast<std::uint16_t>(sound.channels);
    const auto rate = static_cast<std::uint32_t>(sound.sampleRate);
    std::string out = "RIFF";
    put32(out, 36 + bytes);
    out += "WAVEfmt ";
    put32(out, 16);
    put16(out, 1);  // PCM
    put16(out, channels);
    put32(out, rate);
    put32(out, rate * channels * 2);
    put16(out, static_cast<std::uint16_t>(channels * 2));
    put16(out, 16);
    out += "data";
    put32(out, bytes);
    for (const std::int16_t s : sound.samples) {
        put16(out, static_cast<std::uint16_t>(s));
    }
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(out.data(), static_cast<std::streamsize>(out.size()));
    if (!file.flush()) {
        bad(path, "cannot be written");
    }
}

}  // namespace sanad::core
