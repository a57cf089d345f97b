#pragma once

#include "sanad/core/announcer.h"
#include "sanad/core/call_board.h"
#include "sanad/ui/console_config.h"
#include "sanad/ui/display_frame.h"

#include <wx/weakref.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace sanad::ui {

/// Makes the voice of the waiting room's announcer (tests hand in a recorder). Empty: the
/// machine's (core::makeSystemVoice with core::defaultChimePath()).
using VoiceFactory = std::function<std::unique_ptr<core::Voice>()>;

/// The waiting room of one console: the CallBoard fed with the core's calls (ConsoleListener::
/// callMade, through the UiBridge), the DisplayFrame that shows it, and the Announcer that
/// plays each new call (the chime, then the spoken call when the settings say so) while the
/// display is open. The board collects calls whether or not the display is shown, so opening it
/// shows the last calls at once. A call older than kFresh (a refresh that finds tickets called
/// long ago) is shown but not announced. UI thread only.
class WaitingRoom {
public:
    static constexpr std::chrono::minutes kFresh{2};

    /// `consoleLanguage`: the console's ("de", "en", "" for the system's): the display's when
    /// its own setting is empty.
    WaitingRoom(wxWindow& owner, DisplayConfig config, std::string consoleLanguage,
                VoiceFactory voice);
    ~WaitingRoom();
    WaitingRoom(const WaitingRoom&) = delete;
    WaitingRoom& operator=(const WaitingRoom&) = delete;

    void onCall(const core::DisplayCall& call);
    /// Shows the display full screen on the configured monitor (made when first needed).
    void open();
    /// Opens it, or hides it when shown (the View menu's item).
    void toggle();
    /// New settings: language and queues at once; `enabled` opens it.
    void apply(const DisplayConfig& config, const std::string& consoleLanguage);
    /// Destroys the display and stops the announcer (the console is closing).
    void close();

    DisplayFrame* frame() const { return frame_.get(); }
    const core::CallBoard& board() const { return board_; }
    /// The display's language: its setting, else the console's, else German.
    std::string language() const;

private:
    void announce(const core::DisplayCall& call);

    wxWindow& owner_;
    DisplayConfig config_;
    std::string consoleLanguage_;
    VoiceFactory voice_;
    core::CallBoard board_;
    wxWeakRef<DisplayFrame> frame_;  // gone when something else destroyed it (tests do)
    std::unique_ptr<core::Announcer> announcer_;
};

}  // namespace sanad::ui
