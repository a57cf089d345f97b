#pragma once

#include "sanad/core/gdt_watcher.h"

#include "sanad/core/card_reader.h"
#include "sanad/core/console_core.h"

#include <memory>
#include <string>

namespace sanad::ui {

/// What the console window does with the core's reports. Called on the UI thread only.
class UiSink {
public:
    virtual ~UiSink() = default;
    virtual void onConnectivity(bool online) = 0;
    virtual void onTicketsChanged(const std::string& queueId) = 0;
    virtual void onOutbox(const core::OutboxCounts& counts) = 0;
    virtual void onConflict(const core::ConflictReport& conflict) = 0;
    virtual void onCheckIn(const core::CheckInResult& result) = 0;
    virtual void onProblem(const core::Problem& problem) = 0;
    virtual void onReaderState(const core::ReaderState& state) = 0;
    virtual void onCardTapped(const std::string& reader, const std::string& cardRef) = 0;
    /// A patient the practice system handed over (a GDT file in the exchange folder).
    virtual void onPvsPatient(const std::string& /*name*/, const std::string& /*patientId*/) {}
    /// A call for the waiting room (numbers and rooms only).
    virtual void onCall(const core::DisplayCall& /*call*/) {}
};

/// The core→UI seam: implements the core's listeners (called on the sync, live-feed and
/// card-reader threads) by only hopping onto the UI thread with wxTheApp->CallAfter; there the
/// call goes to the sink, unless the window detached meanwhile (then it is dropped, like Poedit's
/// results for a closed window). Nothing wx is touched off the UI thread: the queued call holds
/// only a shared state that the UI thread alone reads and writes.
/// Thread-safety: listener methods from any thread; construct, detach() and destroy on the UI
/// thread. Calls already queued stay safe after the bridge itself is gone.
class UiBridge : public core::ConsoleListener,
                 public core::CardReaderListener,
                 public core::GdtListener {
public:
    explicit UiBridge(UiSink& sink);
    ~UiBridge() override;

    /// The window is closing: drop every call still on its way. UI thread only.
    void detach();

    // core::ConsoleListener
    void connectivityChanged(bool online) override;
    void ticketsChanged(const std::string& queueId) override;
    void outboxChanged(const core::OutboxCounts& counts) override;
    void conflictReported(const core::ConflictReport& conflict) override;
    void checkInDone(const core::CheckInResult& result) override;
    void problemReported(const core::Problem& problem) override;
    void callMade(const core::DisplayCall& call) override;
    // core::CardReaderListener
    void readerStateChanged(const core::ReaderState& state) override;
    void cardTapped(const std::string& reader, const std::string& cardRef) override;
    // core::GdtListener (the PVS import's watcher thread)
    void patientsImported(const std::string& file,
                          const std::vector<core::GdtPatient>& patients) override;
    void gdtRejected(const std::string& file, const std::string& reason) override;

private:
    template <typename Call>
    void onUiThread(Call call);

    struct Target {
        UiSink* sink;  // null once detached; read and written on the UI thread only
    };
    std::shared_ptr<Target> target_;
};

}  // namespace sanad::ui
