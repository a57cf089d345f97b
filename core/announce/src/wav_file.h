#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sanad::core {

/// 16-bit PCM sound in memory: what the chime file holds and what espeak-ng renders.
struct Pcm16 {
    int sampleRate = 22050;
    int channels = 1;
    std::vector<std::int16_t> samples;  // interleaved when channels > 1
};

/// Reads a RIFF/WAVE file of 16-bit PCM (our own chime: format 1, any rate, 1 or 2 channels).
/// Throws std::runtime_error for anything else or a file that cannot be read. Pure I/O, any
/// thread.
Pcm16 readWav(const std::string& path);

/// Writes `sound` as a canonical 44-byte-header WAV. Throws std::runtime_error on failure.
void writeWav(const std::string& path, const Pcm16& sound);

}  // namespace sanad::core
