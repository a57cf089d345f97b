#pragma once

#include "wav_file.h"

#include <atomic>
#include <string>

namespace sanad::core {

/// espeak-ng's rendering of `text` (UTF-8) with the voice of `language` ("en…": English, else
/// German), at a calm rate for a waiting room. Stops early (returning what it has) once `stop`
/// is set. Throws std::runtime_error when espeak-ng cannot be initialised (no voice data).
/// Thread-safety: any thread; espeak-ng's state is the process's, so calls are serialised.
Pcm16 synthesizeSpeech(const std::string& text, const std::string& language,
                       const std::atomic<bool>* stop = nullptr);

}  // namespace sanad::core
