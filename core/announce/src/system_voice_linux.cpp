// The Linux voice: speech rendered by espeak-ng (espeak_speech.h), the chime read from our WAV,
// both played through ALSA's default device. No device (a server, a container, a desk PC without
// speakers) is said once in the log; the announcements then stay silent.
#include "espeak_speech.h"
#include "sanad/core/announcer.h"
#include "wav_file.h"

#include <Poco/Logger.h>
#include <alsa/asoundlib.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>

namespace sanad::core {

namespace {

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.announce");
}

// ALSA prints its own complaints to stderr ("cannot find card '0'"): ours go to the log.
void quietAlsa(const char*, int, const char*, int, const char*, ...) {}

class SystemVoice final : public Voice {
public:
    explicit SystemVoice(std::string chimePath) : chimePath_(std::move(chimePath)) {
        static std::once_flag once;
        std::call_once(once, [] { snd_lib_error_set_handler(quietAlsa); });
    }

    void chime() override {
        if (!chime_ && !chimeMissing_) {
            try {
                chime_ = readWav(chimePath_);
            } catch (const std::exception& e) {
                chimeMissing_ = true;
                logger().warning("no chime: %s", std::string(e.what()));
            }
        }
        if (chime_) {
            play(*chime_);
        }
    }

    void speak(const std::string& text, const std::string& language) override {
        if (speechBroken_ || stop_) {
            return;
        }
        try {
            play(synthesizeSpeech(text, language, &stop_));
        } catch (const std::exception& e) {
            speechBroken_ = true;
            logger().warning("no speech: %s", std::string(e.what()));
        }
    }

    void interrupt() override { stop_ = true; }

private:
    void play(const Pcm16& sound) {
        if (stop_ || sound.samples.empty()) {
            return;
        }
        snd_pcm_t* pcm = nullptr;
        int rc = snd_pcm_open(&pcm, "default", SND_PCM_STREAM_PLAYBACK, 0);
        if (rc >= 0) {
            rc = snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED,
                                    static_cast<unsigned>(sound.channels),
                                    static_cast<unsigned>(sound.sampleRate), 1, 200000);
        }
        if (rc < 0) {
            if (pcm != nullptr) {
                snd_pcm_close(pcm);
            }
            noDevice(rc);
            return;
        }
        if (silent_) {
            silent_ = false;
            logger().information("sound device available again: announcements are heard");
        }
        const auto frames = static_cast<snd_pcm_uframes_t>(sound.samples.size()) /
                            static_cast<snd_pcm_uframes_t>(sound.channels);
        snd_pcm_uframes_t done = 0;
        while (done < frames && !stop_) {
            // A tenth of a second at a time: an interrupt is heard within that.
            const snd_pcm_uframes_t chunk = std::min<snd_pcm_uframes_t>(
                frames - done, static_cast<snd_pcm_uframes_t>(sound.sampleRate / 10));
            const snd_pcm_sframes_t written = snd_pcm_writei(
                pcm, sound.samples.data() + done * static_cast<snd_pcm_uframes_t>(sound.channels),
                chunk);
            if (written < 0) {
                if (snd_pcm_recover(pcm, static_cast<int>(written), 1) < 0) {
                    logger().warning("sound output failed: %s",
                                     std::string(snd_strerror(static_cast<int>(written))));
                    break;
                }
                continue;
            }
            done += static_cast<snd_pcm_uframes_t>(written);
        }
        if (stop_) {
            snd_pcm_drop(pcm);
        } else {
            snd_pcm_drain(pcm);
        }
        snd_pcm_close(pcm);
    }

    // Once, not for every call: a desk without speakers is a normal set-up.
    void noDevice(int rc) {
        if (!silent_) {
            silent_ = true;
            logger().warning("no sound device (ALSA default: %s): announcements stay silent",
                             std::string(snd_strerror(rc)));
        }
    }

    std::string chimePath_;
    std::optional<Pcm16> chime_;  // the announcer's thread only, like the flags below
    bool chimeMissing_ = false;
    bool speechBroken_ = false;
    bool silent_ = false;
    std::atomic<bool> stop_{false};  // set by interrupt() from the destroying thread
};

}  // namespace

std::unique_ptr<Voice> makeSystemVoice(const std::string& chimeWav) {
    return std::make_unique<SystemVoice>(chimeWav);
}

}  // namespace sanad::core
