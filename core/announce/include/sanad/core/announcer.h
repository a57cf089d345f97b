#pragma once

#include <memory>
#include <optional>
#include <string>

namespace sanad::core {

/// One call to announce in the waiting room: the number and the room only, never a name or a
/// note (DESIGN.md, "Waiting-room display, native").
struct Announcement {
    std::string number;               // "A017"
    std::optional<std::string> room;  // as the desk set it: "2", "Zimmer 2", "Labor"
    std::string language = "de";      // "de" or "en"
    bool speak = true;                // false: the chime only
};

/// The words spoken for a call (UI-TEXT.md): "Nummer A 17, bitte in Zimmer 2" /
/// "Number A. 17, please go to room 2". The number: each letter of the queue code apart, then the
/// counter without leading zeros ("A017" → "A 17", "AB007" → "A B 7", the provisional "~" left
/// out); in English each letter with a full stop, else engines read a lone "A" as the article.
/// The room: digits only → "Zimmer 2" / "room 2"; any other text is read as the desk wrote it
/// ("bitte in Labor" / "please go to Labor"); none or blank → "Nummer A 17, bitte" /
/// "Number A. 17, please". German unless `language` starts with "en". Pure.
std::string spokenText(const Announcement& announcement);

/// What makes the sound: the seam a test replaces with a recorder. Both calls block until the
/// sound has been played (or failed); they are only ever called from the announcer's thread.
class Voice {
public:
    virtual ~Voice() = default;
    virtual void chime() = 0;
    virtual void speak(const std::string& text, const std::string& language) = 0;
    /// Called once by the announcer's destructor, from the destroying thread, before it waits for
    /// its thread: a voice may cut the sound being played short and play nothing more. The
    /// default does nothing (the current sound plays to its end).
    virtual void interrupt() {}
};

/// Plays announcements one after another on its own thread, never over each other: for each, the
/// chime, then (when `speak`) the spoken call. Thread-safety: `announce` from any thread, returns
/// at once; the destructor stops the thread after the announcement being played. No exception of
/// the voice escapes the thread (logged, the next announcement goes on).
class Announcer {
public:
    explicit Announcer(std::unique_ptr<Voice> voice);
    ~Announcer();
    Announcer(const Announcer&) = delete;
    Announcer& operator=(const Announcer&) = delete;

    void announce(Announcement announcement);

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// The machine's voice: the chime from `chimeWav` (assets/sounds), speech by Windows SAPI on
/// Windows and espeak-ng (libespeak-ng) elsewhere, played through the default sound device. A
/// machine without a sound device logs that once and stays silent; it never throws.
std::unique_ptr<Voice> makeSystemVoice(const std::string& chimeWav);

/// Where the chime is at run time, the first of these that exists (else the first one):
///   `<folder of the executable>/sounds/chime.wav`          the Windows install (the MSI puts
///                                                           `sounds\chime.wav` beside the .exe)
///   `<folder of the executable>/../share/sounds/chime.wav` the build tree (copied there at build
///                                                           time: build/<preset>/share/sounds) and
///                                                           a Unix install prefix
///   `<source tree>/assets/sounds/chime.wav`                 a binary run from anywhere else on
///                                                           the machine that built it
/// Thread-safety: any thread.
std::string defaultChimePath();

/// espeak-ng's rendering of `text` in `language` ("de", else "en"), written to `wavPath` as a
/// 16-bit mono PCM WAV: what the Linux voice plays, for tests and for trying a text. Throws
/// std::runtime_error when espeak-ng cannot speak (no voice data) or the file cannot be written;
/// on Windows (speech by SAPI there) it always throws. Thread-safety: any thread (espeak-ng is
/// used under one lock of the process).
void renderSpeechToWav(const std::string& text, const std::string& language,
                       const std::string& wavPath);

}  // namespace sanad::core
