#pragma once

#include "sanad/core/console_store.h"
#include "sanad/core/time.h"

#include <wx/string.h>

#include <optional>

namespace sanad::ui {

/// The banner above the queue, as a value: offline (with the time of the last update and the
/// changes waiting), stale (offline longer than the stale age, or never synced), and "back online
/// – all changes sent" once an offline spell ends with nothing left to send (shown until
/// backOnlineEnded(), the window's 5 s timer). Computed from counts, times and the online flag
/// alone; the window only shows or dismisses its wxInfoBar. A plain value; one thread (the
/// texts come from the current catalog).
class BannerState {
public:
    enum class Kind { None, Offline, Stale, BackOnline };

    /// What the banner is computed from.
    struct Facts {
        std::optional<bool> online;  // none until the engine first reported
        core::OutboxCounts counts;
        std::optional<core::Timestamp> lastSync;
        int staleAfterMinutes = 30;
        core::Timestamp now;
    };

    /// What update() changed.
    struct Step {
        bool changed = false;            // kind or text: show or dismiss the bar
        bool backOnlineStarted = false;  // start the timer that ends "back online"
    };

    /// The connection was lost: the next return to online (with nothing waiting) says so.
    void wentOffline() { wasOffline_ = true; }
    Step update(const Facts& facts);
    /// The "back online" time is over; true when that dismissed the banner.
    bool backOnlineEnded();

    Kind kind() const { return kind_; }
    const wxString& text() const { return text_; }
    /// wxICON_WARNING, wxICON_ERROR (stale) or wxICON_INFORMATION (back online).
    int icon() const { return icon_; }

private:
    Kind kind_ = Kind::None;
    wxString text_;
    int icon_ = 0;
    bool wasOffline_ = false;
};

}  // namespace sanad::ui
