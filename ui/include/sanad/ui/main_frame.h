#pragma once

#include "sanad/core/card_reader.h"
#include "sanad/core/sync_engine.h"
#include "sanad/ui/check_in_panel.h"
#include "sanad/ui/console_config.h"
#include "sanad/ui/future_pump.h"
#include "sanad/ui/queue_model.h"
#include "sanad/ui/ui_bridge.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/frame.h>
#include <wx/infobar.h>
#include <wx/timer.h>

#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <vector>

namespace sanad::ui {

/// How the console window runs.
struct ConsoleOptions {
    ConsoleConfig config;
    std::string configPath;  // where the settings dialog saves ("" = not saved)
    bool demo = false;       // offers "Simulate card" (Ctrl+T)
    bool pcscReader = true;  // watch the PC/SC card readers
    core::SyncEngine::Options engine;
    std::vector<core::Bytes> simulatedCards;  // Ctrl+T taps these in turn, then unknown cards
    int checkInShownMs = 8000;
    std::optional<core::RetryPolicy> retry;  // else core's default (5 attempts, ×2, 1 s, 5 min)
};

/// The reception console's main window: the live queue, the actions on the selected ticket, the
/// offline banner, check-in feedback, conflicts, and the status bar. It owns the SyncEngine, the
/// card readers and the UiBridge; core's reports arrive through the bridge on the UI thread, and
/// every read or change goes through the engine (FuturePump brings results back): nothing here
/// waits on the network or the disk. UI thread only.
class MainFrame : public wxFrame, public UiSink {
public:
    enum class Action { CallNext, Call, Recall, Start, Complete, NoShow, Cancel, BackToQueue };
    static constexpr Action kActions[] = {Action::CallNext, Action::Call,       Action::Recall,
                                          Action::Start,    Action::Complete,   Action::NoShow,
                                          Action::Cancel,   Action::BackToQueue};
    enum StatusField { FieldConnection, FieldReader, FieldPending, FieldLastSync, FieldCount };
    enum class Banner { None, Offline, Stale, BackOnline };

    explicit MainFrame(ConsoleOptions options);
    ~MainFrame() override;

    // What the receptionist does (menus, buttons, keys).
    void run(Action action);
    bool enabled(Action action) const;
    void syncNow();
    void simulateTap();
    /// A simulated tap of this card (demo, tests): the path of a real reader's tap.
    void simulateTap(const core::Bytes& uid);
    void showUnsentChanges();
    void showSettings();
    void applyConfig(const ConsoleConfig& config);

    // What a test (or a screenshot) looks at.
    QueueModel& model() { return *model_; }
    wxDataViewCtrl* list() const { return list_; }
    CheckInPanel* checkInPanel() const { return checkIn_; }
    Banner banner() const { return banner_; }
    const wxString& bannerText() const { return bannerText_; }
    wxString statusText(StatusField field) const;
    std::optional<std::string> selectedTicket() const { return selectedId_; }
    void selectTicket(const std::string& ticketId);
    std::optional<bool> online() const { return online_; }
    bool viewLoaded() const { return viewLoaded_; }
    const std::string& queueId() const { return queueId_; }
    const ConsoleConfig& config() const { return options_.config; }
    core::SyncEngine& engine() { return *engine_; }
    /// Requests still on their way to the engine and back.
    std::size_t busy() const { return pump_.pending(); }

    // UiSink (UI thread, through the bridge)
    void onConnectivity(bool online) override;
    void onTicketsChanged(const std::string& queueId) override;
    void onOutbox(const core::OutboxCounts& counts) override;
    void onConflict(const core::ConflictReport& conflict) override;
    void onCheckIn(const core::CheckInResult& result) override;
    void onProblem(const core::Problem& problem) override;
    void onError(const std::string& message);
    void onReaderState(const core::ReaderState& state) override;
    void onCardTapped(const std::string& reader, const std::string& cardRef) override;

private:
    void buildMenus();
    void buildBody();
    void startEngine();
    void stopEngine();
    void requestView();
    void applyView(core::QueueView view);
    void transition(const core::Ticket& ticket, core::TicketStatus to);
    void updateActions();
    void updateStatusBar();
    void updateBanner();
    void showNextConflict();
    void showMessage(const wxString& text);
    void onSelectionChanged(wxDataViewEvent& event);
    void onContextMenu(wxDataViewEvent& event);
    void onListMotion(wxMouseEvent& event);
    void onClock(wxTimerEvent& event);
    void onClose(wxCloseEvent& event);
    const core::CachedTicket* selected() const;
    int windowMinutes_ = 5;  // the same-card window, for the warning text

    ConsoleOptions options_;
    std::unique_ptr<UiBridge> bridge_;
    std::unique_ptr<core::SyncEngine> engine_;
    std::unique_ptr<core::CardReader> reader_;
    std::unique_ptr<core::SimulatedCardReader> simulated_;
    std::unique_ptr<core::CardReaderListener> simulatedListener_;
    std::vector<std::thread> reapers_;  // engines being stopped off the UI thread
    FuturePump pump_;

    wxObjectDataPtr<QueueModel> model_;
    wxDataViewCtrl* list_ = nullptr;
    wxInfoBar* infoBar_ = nullptr;
    CheckInPanel* checkIn_ = nullptr;
    wxChoice* queueChoice_ = nullptr;
    wxStaticText* queueLabel_ = nullptr;
    std::vector<std::pair<Action, wxButton*>> buttons_;
    wxTimer clock_;
    int ticks_ = 0;

    std::string queueId_;
    std::vector<core::Queue> queues_;
    std::optional<std::string> selectedId_;
    std::optional<std::string> selectAfterView_;  // a check-in's ticket, selected once shown
    bool restoringSelection_ = false;
    bool viewInFlight_ = false;
    bool viewDirty_ = false;
    bool viewLoaded_ = false;
    std::optional<bool> online_;
    bool wasOffline_ = false;
    core::OutboxCounts counts_;
    std::optional<core::Timestamp> lastSync_;
    core::ReaderState readerState_;
    Banner banner_ = Banner::None;
    wxString bannerText_;
    wxTimer bannerTimer_;  // hides "back online"
    wxString message_;     // a transient line in the connection field
    int messageTicks_ = 0;
    std::deque<core::ConflictReport> conflicts_;
    std::set<std::string> conflictRows_;  // queued or on screen
    bool conflictShown_ = false;
    std::size_t simulatedTaps_ = 0;
    bool closing_ = false;
};

}  // namespace sanad::ui
