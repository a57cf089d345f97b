#include "sanad/ui/main_frame.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/action_controls.h"
#include "sanad/ui/settings_dialog.h"
#include "sanad/ui/texts.h"
#include "sanad/ui/unsent_changes_dialog.h"

#include <Poco/Logger.h>

#include <wx/msgdlg.h>

#include "sanad.xpm"

namespace sanad::ui {

using core::TicketStatus;

namespace {

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.ui");
}

constexpr int kClockMs = 1000;
constexpr int kRepaintEveryTicks = 15;  // waiting times are whole minutes

}  // namespace

MainFrame::MainFrame(ConsoleOptions options)
    : wxFrame(nullptr, wxID_ANY, wxString(), wxDefaultPosition, wxSize(1280, 720)),
      options_(std::move(options)),
      session_(*this),
      clock_(this),
      queueId_(options_.config.queueId),
      waiting_(std::make_unique<WaitingRoom>(*this, options_.config.display,
                                             options_.config.language, options_.voice)) {
    SetTitle(options_.demo ? _("Sanad Reception – Demo") : _("Sanad Reception"));
    SetIcon(wxIcon(sanad_xpm));
    SetMinSize(FromDIP(wxSize(720, 480)));
    buildMenus();
    buildBody();
    Bind(wxEVT_TIMER, &MainFrame::onClock, this, clock_.GetId());
    Bind(wxEVT_CLOSE_WINDOW, &MainFrame::onClose, this);
    clock_.Start(kClockMs);

    startEngine();
    updateActions();
    status_->refresh();
    if (options_.config.display.enabled) {
        waiting_->open();
    }
}

// The session (a member) stops the engine off the UI thread and joins it.
MainFrame::~MainFrame() {
    clock_.Stop();
}

// --- building ---

void MainFrame::buildMenus() {
    SetMenuBar(makeMenuBar(options_.demo));
    for (Action a : kTicketActions) {
        Bind(
            wxEVT_MENU, [this, a](wxCommandEvent&) { run(a); }, menuIdOf(a));
    }
    for (DeskCommand c : kDeskCommands) {
        Bind(
            wxEVT_MENU, [this, c](wxCommandEvent&) { run(c); }, menuIdOf(c));
    }
    const std::pair<int, void (MainFrame::*)()> commands[] = {
        {kIdSync, &MainFrame::syncNow},
        {kIdSimulate, &MainFrame::simulateTap},
        {kIdUnsent, &MainFrame::showUnsentChanges},
        {kIdDisplay, &MainFrame::toggleDisplay},
        {wxID_PREFERENCES, &MainFrame::showSettings}};
    for (const auto& [id, command] : commands) {
        Bind(
            wxEVT_MENU, [this, command = command](wxCommandEvent&) { (this->*command)(); }, id);
    }
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
}

void MainFrame::buildBody() {
    actions_ = std::make_unique<ActionBar>(*this, options_.demo, [this](const std::string& id) {
        ConsoleConfig c = options_.config;
        c.queueId = id;
        applyConfig(c);
    });
    auto* body = new wxPanel(this);
    status_ = std::make_unique<StatusArea>(
        *this, *body, [this] { syncNow(); }, options_.pcscReader, options_.demo,
        options_.config.staleAfterMinutes);
    checkIn_ = new CheckInPanel(body, options_.checkInShownMs);
    pvs_ =
        new PvsBar(body, {[this] { desk_->walkIn(pvs_->name(), pvs_->patientId()); },
                          [this] { desk_->registerNextCard(); }, [this] { desk_->pvsClosed(); }});

    list_ = new QueueList(body, [this] { updateActions(); });
    list_->model().setShowNames(options_.config.showNames);
    list_->Bind(wxEVT_DATAVIEW_ITEM_CONTEXT_MENU, &MainFrame::onContextMenu, this);
    list_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { run(Action::Call); });
    details_ = new DetailsPanel(body, {[this](const core::TicketChanges& c) { desk_->edit(c); },
                                       [this] { desk_->history(); }});
    details_->SetMinSize(FromDIP(wxSize(330, -1)));
    desk_ = std::make_unique<FrontDesk>(FrontDesk::Parts{
        *this, session_, *list_, *details_, *checkIn_, *pvs_, *status_,
        [this]() -> const std::vector<core::Queue>& { return queues_; },
        [this]() -> const std::string& { return queueId_; }, [this] { return windowMinutes_; },
        [this](const std::string& id) { selectAfterView_ = id; }, [this] { requestView(); },
        [this](const std::string& error) { onError(error); }});
    conflicts_ = std::make_unique<ConflictPrompt>(
        *this, session_, [this] { return options_.config.deskName; }, [this] { requestView(); },
        [this](const std::string& error) { onError(error); });

    auto* lower = new wxBoxSizer(wxHORIZONTAL);
    lower->Add(list_, 1, wxEXPAND | wxRIGHT, 8);
    lower->Add(details_, 0, wxEXPAND);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(status_->infoBar(), 0, wxEXPAND);
    sizer->Add(checkIn_, 0, wxEXPAND);
    sizer->Add(pvs_, 0, wxEXPAND);
    sizer->Add(lower, 1, wxEXPAND | wxALL, 8);
    body->SetSizer(sizer);
}

// --- the engine ---

template <typename T>
core::Done<T> MainFrame::then(std::function<void(T)> onValue) {
    return session_.then<T>(*this, std::move(onValue),
                            [this](const std::string& error) { onError(error); });
}

void MainFrame::startEngine() {
    views_.reset();  // a view in flight at the old engine is never answered here
    session_.start(options_);
    requestView();
}

void MainFrame::requestView() {
    if (!session_.engine() || !views_.ask()) {
        return;  // none, or coalesced into the one after the view in flight
    }
    session_.engine()->view(queueId_, session_.then<core::QueueView>(
                                          *this, [this](core::Completion<core::QueueView> view) {
                                              const bool again = views_.answered();
                                              if (view.ok()) {
                                                  applyView(std::move(view.value()));
                                              } else {
                                                  onError(view.error());
                                              }
                                              if (again) {
                                                  requestView();
                                              }
                                          }));
}

void MainFrame::applyView(core::QueueView view) {
    if (view.queueId != queueId_) {
        requestView();  // the desk switched queues meanwhile
        return;
    }
    list_->show(std::move(view.tickets));
    viewLoaded_ = true;
    if (selectAfterView_ && list_->model().rowOf(*selectAfterView_)) {
        selectTicket(*selectAfterView_);  // the check-in just made, once a view shows it
        selectAfterView_.reset();
    }
    if (view.queues != queues_) {
        queues_ = view.queues;
        actions_->showQueues(queues_, queueId_);
    }
    windowMinutes_ = static_cast<int>((view.checkinWindowS + 59) / 60);
    updateActions();
    status_->setLastSync(view.lastSync);
    status_->setOutbox(view.counts);
}

// --- actions ---

bool MainFrame::enabled(Action action) const {
    if (!session_.engine()) {
        return false;
    }
    const core::CachedTicket* c = list_->selectedTicket();
    return isEnabled(action, c ? std::optional(c->ticket.status) : std::nullopt,
                     list_->model().nextWaiting() != nullptr);
}

void MainFrame::run(Action action) {
    if (!enabled(action)) {
        return;  // a shortcut for something the state machine does not allow here
    }
    const core::CachedTicket* c =
        action == Action::CallNext ? list_->model().nextWaiting() : list_->selectedTicket();
    if (c) {
        if (action == Action::CallNext) {
            selectTicket(c->ticket.id);
        }
        transition(c->ticket, targetOf(action));
    }
}

void MainFrame::transition(const core::Ticket& ticket, TicketStatus to) {
    std::optional<std::string> room;
    if (to == TicketStatus::Called && !options_.config.room.empty()) {
        room = options_.config.room;
    }
    logger().information("%s: %s", ticket.number, std::string(core::toString(to)));
    session_.engine()->transition(
        ticket.id, to, room, then<core::TransitionResult>([this](core::TransitionResult result) {
            if (result.delivery == core::Delivery::Failed) {
                status_->showMessage(
                    wxString::Format(_("Change not possible: %s"),
                                     result.problem ? problemText(*result.problem) : wxString()));
            }
            requestView();
        }));
}

void MainFrame::syncNow() {
    if (!session_.engine()) {
        return;
    }
    SetStatusText(_("Synchronising …"), FieldConnection);
    session_.engine()->syncNow(then<core::SyncReport>([this](core::SyncReport) {
        ++syncsDone_;
        requestView();
        status_->refresh();
    }));
}

void MainFrame::simulateTap() {
    session_.simulateNextTap();
}

void MainFrame::simulateTap(const core::Bytes& uid) {
    session_.simulateTap(uid);
}

void MainFrame::showUnsentChanges() {
    if (!session_.engine()) {
        return;
    }
    UnsentChangesDialog dialog(this, *session_.engine(), [this](const std::string& ticketId) {
        const auto row = list_->model().rowOf(ticketId);
        return row ? fromUtf8(list_->model().at(*row)->ticket.number) : wxString();
    });
    dialog.ShowModal();
    requestView();
}

void MainFrame::showSettings() {
    SettingsDialog dialog(this, options_.config, queues_);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    const ConsoleConfig config = dialog.config();
    const bool language = config.language != options_.config.language;
    applyConfig(config);
    if (language) {
        wxMessageBox(_("The new language is used from the next start."), _("Settings"),
                     wxOK | wxICON_INFORMATION, this);
    }
}

void MainFrame::applyConfig(const ConsoleConfig& config) {
    const ConsoleConfig old = options_.config;
    options_.config = config;
    list_->model().setShowNames(config.showNames);
    const bool connection = config.serverUrl != old.serverUrl || config.token != old.token ||
                            config.caFile != old.caFile || config.dataDir != old.dataDir;
    if (connection) {
        queueId_ = config.queueId;
        status_->setOnline(std::nullopt);
        startEngine();
    } else if (config.queueId != queueId_) {
        queueId_ = config.queueId;
        list_->clearSelection();
        session_.engine()->setQueue(
            queueId_, then<std::monostate>([this](std::monostate) { requestView(); }));
    }
    // A new room needs nothing else: transition() passes the configured room with every call.
    // Saved once, here, for the settings dialog and the queue chooser alike.
    std::string error;
    if (!options_.configPath.empty() && !(config == old) &&
        !config.save(options_.configPath, error)) {
        wxMessageBox(wxString::Format(_("The settings could not be saved: %s"), fromUtf8(error)),
                     _("Settings"), wxOK | wxICON_ERROR, this);
    }
    waiting_->apply(config.display, config.language);
    status_->setStaleAfter(config.staleAfterMinutes);
    status_->refresh();
}

void MainFrame::selectTicket(const std::string& ticketId) {
    if (list_->selectTicket(ticketId)) {
        updateActions();
    }
}

Enabled MainFrame::enabledNow() const {
    const core::CachedTicket* c = list_->selectedTicket();
    return Enabled{[this](Action a) { return enabled(a); },
                   [this](DeskCommand d) { return enabled(d); },
                   c && c->ticket.priority == core::Priority::Urgent};
}

void MainFrame::updateActions() {
    actions_->enable(enabledNow(), GetMenuBar());
    details_->show(list_->selectedTicket(), queues_, core::now());
}

// --- core reports (UI thread, through the bridge) ---

void MainFrame::onConnectivity(bool online) {
    status_->setOnline(online);
    requestView();
}

void MainFrame::onTicketsChanged(const std::string& queueId) {
    if (queueId == queueId_) {
        requestView();
    }
}

void MainFrame::onOutbox(const core::OutboxCounts& counts) {
    status_->setOutbox(counts);
    requestView();  // pending markers
}

void MainFrame::onConflict(const core::ConflictReport& conflict) {
    conflicts_->add(conflict);
}

void MainFrame::onCheckIn(const core::CheckInResult& result) {
    checkIn_->show(checkInMessage(result, windowMinutes_), result.statusUrl);
    desk_->checkedIn(result);  // offers "Karte zuordnen …", or registers the PVS patient's card
    if (result.ticket) {
        logger().information("check-in %s: %s", result.ticket->number,
                             std::string(core::toString(result.delivery)));
        selectAfterView_ = result.ticket->id;
        requestView();  // coalesced with the view the tickets-changed report asks for
    }
}

void MainFrame::onProblem(const core::Problem& problem) {
    logger().warning("%s: %s", std::string(core::toString(problem.kind)), problem.detail);
    status_->showMessage(wxString::Format(_("Problem: %s"), problemText(problem)));
}

void MainFrame::onReaderState(const core::ReaderState& state) {
    status_->setReader(state);
}

void MainFrame::onCardTapped(const std::string& /*reader*/, const std::string& cardRef) {
    if (!session_.engine()) {
        return;
    }
    if (cardRef.empty()) {
        checkIn_->show(noPracticeKeyMessage());
        return;
    }
    // The result comes back through onCheckIn (the listener), like every check-in; a failure
    // of the work itself takes the error path.
    session_.engine()->checkInCard(cardRef, core::now(), then<core::CheckInResult>({}));
}

void MainFrame::onContextMenu(wxDataViewEvent& event) {
    if (!event.GetItem().IsOk()) {
        return;
    }
    if (const core::CachedTicket* c = list_->ticketAt(event.GetItem())) {
        selectTicket(c->ticket.id);
    }
    popUpTicketMenu(*this, enabledNow());
}

void MainFrame::onClock(wxTimerEvent&) {
    if (++ticks_ % kRepaintEveryTicks == 0) {
        list_->Refresh();  // waiting times are made on paint
        details_->show(list_->selectedTicket(), queues_, core::now());
    }
    status_->tick();
}

void MainFrame::onClose(wxCloseEvent& event) {
    conflicts_->stop();
    clock_.Stop();
    waiting_->close();
    Hide();
    event.Skip();  // Destroy(); the session stops the engine off the UI thread and joins it
}

}  // namespace sanad::ui
