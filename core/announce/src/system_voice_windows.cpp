// The Windows voice: the chime by PlaySound, speech by SAPI (ISpVoice, synchronous), a German
// voice chosen by its language attribute (407) when the machine has one. COM is initialised on
// the announcer's thread, around each call (the voice object lives no longer than one call: it
// never crosses threads, and the destructor needs no COM). No sound device or no speech engine
// is said once in the log; the announcements then stay silent.
#include "sanad/core/announcer.h"

#include <Poco/Logger.h>

// clang-format off
#include <windows.h>
#include <mmsystem.h>
#include <sapi.h>
// clang-format on

#include <atomic>
#include <stdexcept>

namespace sanad::core {

namespace {

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.announce");
}

std::wstring wide(const std::string& utf8) {
    if (utf8.empty()) {
        return {};
    }
    const int n =
        MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
    std::wstring out(static_cast<std::size_t>(n), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), n);
    return out;
}

template <typename T>
struct ComPtr {
    T* p = nullptr;
    ~ComPtr() {
        if (p != nullptr) {
            p->Release();
        }
    }
    void** out() { return reinterpret_cast<void**>(&p); }
};

struct ComScope {
    HRESULT hr = CoInitializeEx(nullptr, COINIT_MULTITHREADED);
    ~ComScope() {
        if (SUCCEEDED(hr)) {
            CoUninitialize();
        }
    }
};

// The first installed voice whose Language attribute matches (407 German, 409/809 English);
// false when there is none (SAPI then speaks with the default voice).
bool chooseVoice(ISpVoice* voice, const wchar_t* attributes) {
    ComPtr<ISpObjectTokenCategory> category;
    if (FAILED(CoCreateInstance(CLSID_SpObjectTokenCategory, nullptr, CLSCTX_ALL,
                                IID_ISpObjectTokenCategory, category.out())) ||
        FAILED(
            category.p->SetId(L"HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Speech\\Voices", FALSE))) {
        return false;
    }
    ComPtr<IEnumSpObjectTokens> tokens;
    if (FAILED(category.p->EnumTokens(attributes, nullptr, &tokens.p)) || tokens.p == nullptr) {
        return false;
    }
    ComPtr<ISpObjectToken> token;
    if (tokens.p->Next(1, &token.p, nullptr) != S_OK || token.p == nullptr) {
        return false;
    }
    return SUCCEEDED(voice->SetVoice(token.p));
}

class SystemVoice final : public Voice {
public:
    explicit SystemVoice(std::string chimePath) : chimePath_(wide(chimePath)) {}

    void chime() override {
        if (stop_) {
            return;
        }
        if (!PlaySoundW(chimePath_.c_str(), nullptr, SND_FILENAME | SND_SYNC | SND_NODEFAULT)) {
            once(chimeFailed_, "the chime could not be played (no sound device, or no chime file)");
        }
    }

    void speak(const std::string& text, const std::string& language) override {
        if (stop_) {
            return;
        }
        const ComScope com;
        if (FAILED(com.hr) && com.hr != RPC_E_CHANGED_MODE) {
            once(speechFailed_, "COM could not be initialised: no speech");
            return;
        }
        ComPtr<ISpVoice> voice;
        if (FAILED(
                CoCreateInstance(CLSID_SpVoice, nullptr, CLSCTX_ALL, IID_ISpVoice, voice.out()))) {
            once(speechFailed_, "no speech engine (SAPI): the call is not spoken");
            return;
        }
        const bool english = language.rfind("en", 0) == 0;
        if (!chooseVoice(voice.p, english ? L"Language=409;Language=809" : L"Language=407")) {
            once(noLanguageVoice_, english ? "no English voice installed: the default voice speaks"
                                           : "no German voice installed: the default voice speaks");
        }
        voice.p->SetRate(-1);  // a little slower than SAPI's default, for a waiting room
        const std::wstring words = wide(text);
        if (FAILED(voice.p->Speak(words.c_str(), SPF_DEFAULT | SPF_IS_NOT_XML, nullptr))) {
            once(speechFailed_, "SAPI could not speak (no sound device?)");
        }
    }

    void interrupt() override {
        stop_ = true;
        PlaySoundW(nullptr, nullptr, 0);  // stops a chime being played
    }

private:
    static void once(std::atomic<bool>& said, const char* message) {
        if (!said.exchange(true)) {
            logger().warning(message);
        }
    }

    std::wstring chimePath_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> chimeFailed_{false};
    std::atomic<bool> speechFailed_{false};
    std::atomic<bool> noLanguageVoice_{false};
};

}  // namespace

std::unique_ptr<Voice> makeSystemVoice(const std::string& chimeWav) {
    return std::make_unique<SystemVoice>(chimeWav);
}

void renderSpeechToWav(const std::string&, const std::string&, const std::string&) {
    throw std::runtime_error("renderSpeechToWav: espeak-ng only (Windows speaks with SAPI)");
}

}  // namespace sanad::core
