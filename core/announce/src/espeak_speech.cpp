#include "espeak_speech.h"

#include "sanad/core/announcer.h"

#include <espeak-ng/speak_lib.h>

#include <mutex>
#include <stdexcept>

namespace sanad::core {

namespace {

constexpr int kRateWordsPerMinute = 150;  // espeak-ng's default of 175 is hurried for a call

std::mutex& espeakMutex() {
    static std::mutex mutex;
    return mutex;
}

struct Collected {
    std::vector<std::int16_t> samples;
    const std::atomic<bool>* stop = nullptr;
};

int collect(short* wav, int count, espeak_EVENT* events) {
    auto* out = static_cast<Collected*>(events->user_data);
    if (wav != nullptr && count > 0) {
        out->samples.insert(out->samples.end(), wav, wav + count);
    }
    return out->stop != nullptr && out->stop->load() ? 1 : 0;  // 1: espeak-ng stops
}

// Once per process, under espeakMutex(): the sample rate, or 0 when espeak-ng has no data.
int initialisedRate() {
    static int rate = [] {
        const int r = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, 0);
        if (r > 0) {
            espeak_SetSynthCallback(collect);
        }
        return r > 0 ? r : 0;
    }();
    return rate;
}

}  // namespace

Pcm16 synthesizeSpeech(const std::string& text, const std::string& language,
                       const std::atomic<bool>* stop) {
    const std::lock_guard lock(espeakMutex());
    const int rate = initialisedRate();
    if (rate == 0) {
        throw std::runtime_error("espeak-ng could not be initialised (no voice data?)");
    }
    const bool english = language.rfind("en", 0) == 0;
    if (espeak_SetVoiceByName(english ? "en" : "de") != EE_OK) {
        throw std::runtime_error(std::string("espeak-ng has no voice ") + (english ? "en" : "de"));
    }
    espeak_SetParameter(espeakRATE, kRateWordsPerMinute, 0);
    Collected collected;
    collected.stop = stop;
    const espeak_ERROR result = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                             espeakCHARS_UTF8, nullptr, &collected);
    if (result != EE_OK) {
        throw std::runtime_error("espeak-ng could not speak the text");
    }
    espeak_Synchronize();
    Pcm16 sound;
    sound.sampleRate = rate;
    sound.channels = 1;
    sound.samples = std::move(collected.samples);
    return sound;
}

void renderSpeechToWav(const std::string& text, const std::string& language,
                       const std::string& wavPath) {
    writeWav(wavPath, synthesizeSpeech(text, language));
}

}  // namespace sanad::core
