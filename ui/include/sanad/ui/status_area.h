#pragma once

#include "sanad/core/card_reader.h"
#include "sanad/core/console_store.h"
#include "sanad/ui/banner_state.h"

#include <wx/frame.h>
#include <wx/infobar.h>
#include <wx/timer.h>

#include <functional>
#include <optional>

namespace sanad::ui {

/// The fields of the console's status bar.
enum StatusField { FieldConnection, FieldReader, FieldPending, FieldLastSync, FieldCount };

/// What the console window says about its state: the status bar (connection or a transient
/// message, reader, outbox, last sync) and the banner above the list (BannerState in a wxInfoBar
/// whose button synchronises; "back online" ends after 5 s). Fed with facts by the window; keeps
/// them and shows them. UI thread only.
class StatusArea {
public:
    /// Makes the banner in `parent` and the status bar of `frame`. `syncNow`: the banner's button.
    StatusArea(wxFrame& frame, wxWindow& parent, std::function<void()> syncNow, bool pcscReader,
               bool demo, int staleAfterMinutes);
    ~StatusArea();
    StatusArea(const StatusArea&) = delete;
    StatusArea& operator=(const StatusArea&) = delete;

    wxInfoBar* infoBar() const { return infoBar_; }

    /// Online, offline, or none: connecting (a new engine, no report yet).
    void setOnline(std::optional<bool> online);
    void setOutbox(const core::OutboxCounts& counts);
    void setLastSync(std::optional<core::Timestamp> lastSync);
    void setReader(const core::ReaderState& state);
    void setStaleAfter(int minutes);
    /// A line for the connection field, shown for about ten seconds.
    void showMessage(const wxString& text);
    /// The window's one-second clock: ends the message, refreshes the times.
    void tick();
    /// Shows the facts as they are now.
    void refresh();

    std::optional<bool> online() const { return online_; }
    const BannerState& banner() const { return banner_; }
    wxString text(StatusField field) const;

private:
    void updateStatusBar();
    void updateBanner();

    wxFrame& frame_;
    wxInfoBar* infoBar_;
    bool pcscReader_;
    bool demo_;
    int staleAfterMinutes_;
    std::optional<bool> online_;
    core::OutboxCounts counts_;
    std::optional<core::Timestamp> lastSync_;
    core::ReaderState readerState_;
    BannerState banner_;
    wxTimer backOnline_;  // ends "back online"
    wxString message_;    // a transient line in the connection field
    int messageTicks_ = 0;
};

}  // namespace sanad::ui
