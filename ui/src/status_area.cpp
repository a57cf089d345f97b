#include "sanad/ui/status_area.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/action_controls.h"
#include "sanad/ui/texts.h"

#include <wx/statusbr.h>

namespace sanad::ui {

namespace {
constexpr int kMessageTicks = 10;
constexpr int kBackOnlineMs = 5000;
}  // namespace

StatusArea::StatusArea(wxFrame& frame, wxWindow& parent, std::function<void()> syncNow,
                       bool pcscReader, bool demo, int staleAfterMinutes)
    : frame_(frame),
      infoBar_(new wxInfoBar(&parent)),
      pcscReader_(pcscReader),
      demo_(demo),
      staleAfterMinutes_(staleAfterMinutes) {
    // Its own button instead of "close": the offline banner stays until the server is back.
    infoBar_->AddButton(kIdSync, _("Synchronise now"));
    infoBar_->Bind(
        wxEVT_BUTTON, [syncNow = std::move(syncNow)](wxCommandEvent&) { syncNow(); }, kIdSync);
    frame.CreateStatusBar(FieldCount);
    const int widths[FieldCount] = {-3, -2, -3, -2};  // messages and the outbox need room
    frame.SetStatusWidths(FieldCount, widths);
    backOnline_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (banner_.backOnlineEnded()) {
            infoBar_->Dismiss();
        }
    });
}

StatusArea::~StatusArea() {
    backOnline_.Stop();
}

void StatusArea::setOnline(std::optional<bool> online) {
    if (online == false) {
        banner_.wentOffline();
    }
    online_ = online;
    refresh();
}

void StatusArea::setOutbox(const core::OutboxCounts& counts) {
    counts_ = counts;
    refresh();
}

void StatusArea::setLastSync(std::optional<core::Timestamp> lastSync) {
    lastSync_ = lastSync;
}

void StatusArea::setReader(const core::ReaderState& state) {
    readerState_ = state;
    updateStatusBar();
}

void StatusArea::setStaleAfter(int minutes) {
    staleAfterMinutes_ = minutes;
}

void StatusArea::showMessage(const wxString& text) {
    message_ = text;
    messageTicks_ = kMessageTicks;
    updateStatusBar();
}

void StatusArea::tick() {
    if (messageTicks_ > 0 && --messageTicks_ == 0) {
        message_.clear();
    }
    refresh();
}

void StatusArea::refresh() {
    updateStatusBar();
    updateBanner();
}

wxString StatusArea::text(StatusField field) const {
    return frame_.GetStatusBar() ? frame_.GetStatusBar()->GetStatusText(field) : wxString();
}

void StatusArea::updateStatusBar() {
    frame_.SetStatusText(message_.empty() ? connectionText(online_) : message_, FieldConnection);
    wxString reader = pcscReader_ ? readerStateText(readerState_) : wxString();
    if (demo_) {
        reader += (reader.empty() ? wxString() : U8(" · ")) + _("Simulate card (Ctrl+T)");
    }
    frame_.SetStatusText(reader, FieldReader);
    frame_.SetStatusText(outboxText(counts_), FieldPending);
    frame_.SetStatusText(lastSyncText(lastSync_, core::now()), FieldLastSync);
}

void StatusArea::updateBanner() {
    const BannerState::Step step =
        banner_.update({online_, counts_, lastSync_, staleAfterMinutes_, core::now()});
    if (step.backOnlineStarted) {
        backOnline_.StartOnce(kBackOnlineMs);
    }
    if (!step.changed) {
        return;
    }
    if (banner_.kind() == BannerState::Kind::None) {
        infoBar_->Dismiss();
    } else {
        infoBar_->ShowMessage(banner_.text(), banner_.icon());
    }
}

}  // namespace sanad::ui
