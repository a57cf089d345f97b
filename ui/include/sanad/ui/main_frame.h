#pragma once

#include "sanad/core/sync_engine.h"
#include "sanad/ui/action_controls.h"
#include "sanad/ui/banner_state.h"
#include "sanad/ui/check_in_panel.h"
#include "sanad/ui/conflict_prompt.h"
#include "sanad/ui/console_session.h"
#include "sanad/ui/desk_commands.h"
#include "sanad/ui/details_panel.h"
#include "sanad/ui/front_desk.h"
#include "sanad/ui/pvs_bar.h"
#include "sanad/ui/queue_list.h"
#include "sanad/ui/status_area.h"
#include "sanad/ui/ticket_actions.h"
#include "sanad/ui/ui_bridge.h"
#include "sanad/ui/view_requests.h"
#include "sanad/ui/waiting_room.h"

#include <wx/frame.h>
#include <wx/timer.h>

#include <memory>
#include <optional>
#include <vector>

namespace sanad::ui {

/// The reception console's main window: the toolbar (frequent actions), the live queue with the
/// selected ticket's details and edit fields beside it, the offline banner, check-in feedback,
/// the practice system's patient (PVS bar), conflicts, and the status bar. The front desk's
/// commands (walk-in, cards, edits, history, statistics) are in FrontDesk. Its ConsoleSession owns
/// the engine, the bridge and the readers; core's reports arrive through the bridge on the UI
/// thread, and every read or change goes through the engine, whose completions come back with
/// thenOnWindow (dropped once the window is gone): nothing here waits on the network or the disk.
/// What is enabled comes from ticket_actions.h, the banner from BannerState, conflicts are asked
/// one after another from a ConflictQueue. UI thread only.
class MainFrame : public wxFrame, public UiSink {
public:
    using Action = TicketAction;
    using StatusField = ui::StatusField;
    static constexpr StatusField FieldConnection = ui::FieldConnection;
    static constexpr StatusField FieldReader = ui::FieldReader;
    static constexpr StatusField FieldPending = ui::FieldPending;
    static constexpr StatusField FieldLastSync = ui::FieldLastSync;
    using Banner = BannerState::Kind;

    explicit MainFrame(ConsoleOptions options);
    ~MainFrame() override;

    // What the receptionist does (menus, buttons, keys).
    void run(Action action);
    bool enabled(Action action) const;
    void run(DeskCommand command) { desk_->run(command); }
    bool enabled(DeskCommand command) const { return desk_->enabled(command); }
    /// The patient the practice system handed over (GDT 6301): "Aus PVS: …" with walk-in and
    /// "Karte zuordnen" (the next tap). Call on the UI thread (the GDT watcher's wiring).
    void showPvsPatient(const std::string& name, const std::string& patientId) {
        desk_->showPvsPatient(name, patientId);
    }
    void syncNow();
    void simulateTap();
    /// A simulated tap of this card (demo, tests): the path of a real reader's tap.
    void simulateTap(const core::Bytes& uid);
    void showUnsentChanges();
    void showSettings();
    void applyConfig(const ConsoleConfig& config);

    // What a test (or a screenshot) looks at.
    QueueModel& model() { return list_->model(); }
    wxDataViewCtrl* list() const { return list_; }
    CheckInPanel* checkInPanel() const { return checkIn_; }
    DetailsPanel* details() const { return details_; }
    PvsBar* pvsBar() const { return pvs_; }
    wxToolBar* toolBar() const { return actions_->toolBar(); }
    FrontDesk& frontDesk() { return *desk_; }
    const std::vector<core::Queue>& queues() const { return queues_; }
    Banner banner() const { return status_->banner().kind(); }
    const wxString& bannerText() const { return status_->banner().text(); }
    wxString statusText(StatusField field) const { return status_->text(field); }
    std::optional<std::string> selectedTicket() const { return list_->selectedId(); }
    void selectTicket(const std::string& ticketId);
    std::optional<bool> online() const { return status_->online(); }
    bool viewLoaded() const { return viewLoaded_; }
    /// Views that came back (shown or failed): a refresh happened.
    std::size_t viewsDone() const { return views_.answers(); }
    /// Sync passes asked for with syncNow() that came back (done or failed).
    std::size_t syncsDone() const { return syncsDone_; }
    const std::string& queueId() const { return queueId_; }
    const ConsoleConfig& config() const { return options_.config; }
    core::SyncEngine& engine() { return *session_.engine(); }
    ConsoleSession& session() { return session_; }
    WaitingRoom& waitingRoom() { return *waiting_; }
    /// The waiting-room display, once opened (View menu, or `[display] enabled`).
    DisplayFrame* display() const { return waiting_->frame(); }
    void toggleDisplay() { waiting_->toggle(); }

    // UiSink (UI thread, through the bridge)
    void onConnectivity(bool online) override;
    void onTicketsChanged(const std::string& queueId) override;
    void onOutbox(const core::OutboxCounts& counts) override;
    void onConflict(const core::ConflictReport& conflict) override;
    void onCheckIn(const core::CheckInResult& result) override;
    void onProblem(const core::Problem& problem) override;
    /// A failure of the engine's work: its (English) text goes to the log, the window says a
    /// problem happened in the receptionist's words.
    void onError(const std::string& message) {
        onProblem(core::Problem{core::ProblemKind::Internal, message});
    }
    void onReaderState(const core::ReaderState& state) override;
    void onCardTapped(const std::string& reader, const std::string& cardRef) override;
    void onPvsPatient(const std::string& name, const std::string& patientId) override {
        showPvsPatient(name, patientId);
    }
    void onCall(const core::DisplayCall& call) override { waiting_->onCall(call); }

private:
    void buildMenus();
    void buildBody();
    void startEngine();
    void requestView();
    void applyView(core::QueueView view);
    void transition(const core::Ticket& ticket, core::TicketStatus to);
    /// A completion callback for work of the session's engine: `onValue` on the UI thread, or the
    /// failure on the error path (onError); dropped once the window is gone or the engine was
    /// replaced.
    template <typename T>
    core::Done<T> then(std::function<void(T)> onValue);
    void updateActions();
    Enabled enabledNow() const;
    void onContextMenu(wxDataViewEvent& event);
    void onClock(wxTimerEvent& event);
    void onClose(wxCloseEvent& event);

    ConsoleOptions options_;
    ConsoleSession session_;

    QueueList* list_ = nullptr;
    CheckInPanel* checkIn_ = nullptr;
    DetailsPanel* details_ = nullptr;
    PvsBar* pvs_ = nullptr;
    std::unique_ptr<ActionBar> actions_;
    std::unique_ptr<FrontDesk> desk_;
    std::unique_ptr<StatusArea> status_;
    wxTimer clock_;
    int ticks_ = 0;

    std::string queueId_;
    std::vector<core::Queue> queues_;
    std::optional<std::string> selectAfterView_;  // a check-in's ticket, selected once shown
    ViewRequests views_;
    bool viewLoaded_ = false;
    std::size_t syncsDone_ = 0;
    int windowMinutes_ = 5;  // the same-card window, for the warning text
    std::unique_ptr<ConflictPrompt> conflicts_;
    std::unique_ptr<WaitingRoom> waiting_;
};

}  // namespace sanad::ui
