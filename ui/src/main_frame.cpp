#include "sanad/ui/main_frame.h"
#include "sanad/ui/translate.h"

#include "sanad/core/crypto.h"
#include "sanad/core/state_machine.h"
#include "sanad/ui/conflict_dialog.h"
#include "sanad/ui/settings_dialog.h"
#include "sanad/ui/texts.h"
#include "sanad/ui/unsent_changes_dialog.h"

#include <Poco/Logger.h>

#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/wrapsizer.h>

#include "sanad.xpm"

namespace sanad::ui {

using core::TicketStatus;

namespace {

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.ui");
}

constexpr int kClockMs = 1000;
constexpr int kRepaintEveryTicks = 15;  // waiting times are whole minutes
constexpr int kMessageTicks = 10;
constexpr int kBackOnlineMs = 5000;

int idOf(MainFrame::Action action) {
    return wxID_HIGHEST + 100 + static_cast<int>(action);
}
constexpr int kIdSync = wxID_HIGHEST + 150;
constexpr int kIdSimulate = wxID_HIGHEST + 151;
constexpr int kIdUnsent = wxID_HIGHEST + 152;

std::optional<TicketStatus> targetOf(MainFrame::Action action) {
    using A = MainFrame::Action;
    switch (action) {
        case A::CallNext:
        case A::Call:
        case A::Recall:
            return TicketStatus::Called;
        case A::Start:
            return TicketStatus::InProgress;
        case A::Complete:
            return TicketStatus::Completed;
        case A::NoShow:
            return TicketStatus::NoShow;
        case A::Cancel:
            return TicketStatus::Cancelled;
        case A::BackToQueue:
            return TicketStatus::Waiting;
    }
    return std::nullopt;
}

wxString labelOf(MainFrame::Action action) {
    using A = MainFrame::Action;
    switch (action) {
        case A::CallNext:
            return _("Call next");
        case A::Call:
            return _("Call");
        case A::Recall:
            return _("Call again");
        default:
            return actionLabel(*targetOf(action));
    }
}

wxString acceleratorOf(MainFrame::Action action) {
    switch (action) {
        case MainFrame::Action::CallNext:
            return "F2";
        case MainFrame::Action::Call:
            return "F3";
        default:
            return wxString();
    }
}

core::ConsoleSettings settingsOf(const ConsoleOptions& options) {
    const ConsoleConfig& c = options.config;
    core::ConsoleSettings s;
    if (options.retry) {
        s.retry = *options.retry;
    }
    s.client.serverUrl = c.serverUrl;
    s.client.token = c.token;
    s.client.caFile = c.caFile;
    s.dataDir = c.dataDir;
    s.queueId = c.queueId;
    // No room here: transition() passes the configured one with each call, so a new room needs
    // no engine restart and an emptied one leaves no stale default behind.
    return s;
}

/// The simulated reader's taps go the way of a real reader's; its own state is not reported
/// (the status bar shows the real readers).
class TapOnly : public core::CardReaderListener {
public:
    explicit TapOnly(core::CardReaderListener* to) : to_(to) {}
    void cardTapped(const std::string& reader, const std::string& cardRef) override {
        to_->cardTapped(reader, cardRef);
    }

private:
    core::CardReaderListener* to_;
};

}  // namespace

MainFrame::MainFrame(ConsoleOptions options)
    : wxFrame(nullptr, wxID_ANY, wxString(), wxDefaultPosition, wxSize(1100, 720)),
      options_(std::move(options)),
      pump_([this](const std::string& error) { onError(error); }),
      model_(new QueueModel),
      clock_(this),
      queueId_(options_.config.queueId),
      bannerTimer_(this) {
    SetTitle(options_.demo ? _("Sanad Reception – Demo") : _("Sanad Reception"));
    SetIcon(wxIcon(sanad_xpm));
    SetMinSize(FromDIP(wxSize(720, 480)));
    model_->setShowNames(options_.config.showNames);
    buildMenus();
    buildBody();
    CreateStatusBar(FieldCount);
    const int widths[FieldCount] = {-2, -3, -2, -2};
    SetStatusWidths(FieldCount, widths);

    Bind(wxEVT_TIMER, &MainFrame::onClock, this, clock_.GetId());
    Bind(
        wxEVT_TIMER,
        [this](wxTimerEvent&) {
            if (banner_ == Banner::BackOnline) {
                infoBar_->Dismiss();
                banner_ = Banner::None;
                bannerText_.clear();
            }
        },
        bannerTimer_.GetId());
    Bind(wxEVT_CLOSE_WINDOW, &MainFrame::onClose, this);
    clock_.Start(kClockMs);

    startEngine();
    updateActions();
    updateStatusBar();
}

MainFrame::~MainFrame() {
    clock_.Stop();
    bannerTimer_.Stop();
    stopEngine();
    for (std::thread& t : reapers_) {
        if (t.joinable()) {
            t.join();
        }
    }
}

// --- building ---

void MainFrame::buildMenus() {
    auto* console = new wxMenu;
    console->Append(kIdSync, _("Synchronise now") + "\tF5");
    console->Append(kIdUnsent, _("Changes not sent …"));
    console->Append(wxID_PREFERENCES, _("Settings …") + "\tCtrl+,");
    if (options_.demo) {
        console->AppendSeparator();
        console->Append(kIdSimulate, _("Simulate card") + "\tCtrl+T");
    }
    console->AppendSeparator();
    console->Append(wxID_EXIT, _("Quit") + "\tCtrl+Q");
    auto* ticket = new wxMenu;
    for (Action a : kActions) {
        const wxString accel = acceleratorOf(a);
        ticket->Append(idOf(a), accel.empty() ? labelOf(a) : labelOf(a) + "\t" + accel);
        if (a == Action::Call) {
            ticket->AppendSeparator();
        }
    }
    auto* bar = new wxMenuBar;
    bar->Append(console, _("&Console"));
    bar->Append(ticket, _("&Ticket"));
    SetMenuBar(bar);

    for (Action a : kActions) {
        Bind(
            wxEVT_MENU, [this, a](wxCommandEvent&) { run(a); }, idOf(a));
    }
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { syncNow(); }, kIdSync);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { simulateTap(); }, kIdSimulate);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showUnsentChanges(); }, kIdUnsent);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showSettings(); }, wxID_PREFERENCES);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
}

void MainFrame::buildBody() {
    auto* body = new wxPanel(this);
    infoBar_ = new wxInfoBar(body);
    // Its own button instead of "close": the offline banner stays until the server is back.
    infoBar_->AddButton(kIdSync, _("Synchronise now"));
    infoBar_->Bind(
        wxEVT_BUTTON, [this](wxCommandEvent&) { syncNow(); }, kIdSync);
    checkIn_ = new CheckInPanel(body, options_.checkInShownMs);

    queueLabel_ = new wxStaticText(body, wxID_ANY, _("Queue") + ":");
    queueChoice_ = new wxChoice(body, wxID_ANY);
    queueChoice_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        const int i = queueChoice_->GetSelection();
        if (i < 0 || static_cast<std::size_t>(i) >= queues_.size()) {
            return;
        }
        ConsoleConfig c = options_.config;
        c.queueId = queues_[static_cast<std::size_t>(i)].id;
        applyConfig(c);
    });
    queueLabel_->Hide();
    queueChoice_->Hide();

    // Buttons wrap onto a second line in a narrow window (German labels are long).
    auto* actions = new wxWrapSizer(wxHORIZONTAL);
    actions->Add(queueLabel_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT | wxBOTTOM, 6);
    actions->Add(queueChoice_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT | wxBOTTOM, 6);
    actions->AddSpacer(10);
    for (Action a : kActions) {
        const wxString accel = acceleratorOf(a);
        auto* b = new wxButton(body, wxID_ANY,
                               accel.empty() ? labelOf(a) : labelOf(a) + " (" + accel + ")");
        b->Bind(wxEVT_BUTTON, [this, a](wxCommandEvent&) { run(a); });
        buttons_.emplace_back(a, b);
        actions->Add(b, 0, wxRIGHT | wxBOTTOM, 6);
        if (a == Action::CallNext) {
            wxFont bold = b->GetFont();
            bold.MakeBold();
            b->SetFont(bold);
        }
    }
    if (options_.demo) {
        auto* simulate = new wxButton(body, wxID_ANY, _("Simulate card (Ctrl+T)"));
        simulate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { simulateTap(); });
        actions->AddSpacer(10);
        actions->Add(simulate, 0, wxBOTTOM, 6);
    }

    list_ = new wxDataViewCtrl(body, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                               wxDV_SINGLE | wxDV_ROW_LINES | wxDV_VERT_RULES);
    list_->AssociateModel(model_.get());
    wxFont listFont = list_->GetFont();
    listFont.SetPointSize(listFont.GetPointSize() + 2);
    list_->SetFont(listFont);
    QueueModel::addColumns(list_);
    list_->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, &MainFrame::onSelectionChanged, this);
    list_->Bind(wxEVT_DATAVIEW_ITEM_CONTEXT_MENU, &MainFrame::onContextMenu, this);
    list_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { run(Action::Call); });
    list_->GetMainWindow()->Bind(wxEVT_MOTION, &MainFrame::onListMotion, this);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(infoBar_, 0, wxEXPAND);
    sizer->Add(checkIn_, 0, wxEXPAND);
    sizer->Add(actions, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 8);
    sizer->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    body->SetSizer(sizer);
}

// --- the engine ---

void MainFrame::startEngine() {
    bridge_ = std::make_unique<UiBridge>(*this);
    engine_ =
        std::make_unique<core::SyncEngine>(settingsOf(options_), bridge_.get(), options_.engine);
    engine_->start();
    if (options_.pcscReader) {
        try {
            reader_ = core::makePcscCardReader(engine_->cardRefMaker(), bridge_.get());
            reader_->start();
        } catch (const std::exception& e) {
            logger().error("card reader not started: %s", std::string(e.what()));
            readerState_ = {core::ReaderStatus::Error, "", e.what()};
            reader_.reset();
        }
    }
    if (options_.demo) {
        simulatedListener_ = std::make_unique<TapOnly>(bridge_.get());
        simulated_ = std::make_unique<core::SimulatedCardReader>(
            engine_->cardRefMaker(), simulatedListener_.get(), toUtf8(_("Simulated reader")));
        simulated_->start();
    }
    requestView();
}

void MainFrame::stopEngine() {
    if (reader_) {
        reader_->stop();  // prompt: its thread stops within a second
        reader_.reset();
    }
    if (simulated_) {
        simulated_->stop();
        simulated_.reset();
    }
    if (!engine_) {
        return;
    }
    bridge_->detach();  // whatever the old engine still reports is dropped
    // Stopping may wait for a request in hand (up to its timeout): never on the UI thread.
    reapers_.emplace_back([engine = std::move(engine_), bridge = std::move(bridge_),
                           listener = std::move(simulatedListener_)]() mutable {
        try {
            engine->stop();
        } catch (const std::exception& e) {
            logger().error("stopping the sync engine: %s", std::string(e.what()));
        }
        engine.reset();
    });
}

void MainFrame::requestView() {
    if (!engine_) {
        return;
    }
    if (viewInFlight_) {
        viewDirty_ = true;
        return;
    }
    viewInFlight_ = true;
    pump_.then<core::QueueView>(engine_->view(queueId_), [this](core::QueueView view) {
        viewInFlight_ = false;
        applyView(std::move(view));
        if (viewDirty_) {
            viewDirty_ = false;
            requestView();
        }
    });
}

void MainFrame::applyView(core::QueueView view) {
    if (view.queueId != queueId_) {
        requestView();  // the desk switched queues meanwhile
        return;
    }
    restoringSelection_ = true;
    const QueueModel::Update update = model_->setTickets(std::move(view.tickets));
    if (update.reset && selectedId_) {
        if (const auto row = model_->rowOf(*selectedId_)) {
            list_->Select(model_->GetItem(*row));
        } else {
            selectedId_.reset();  // the ticket left this queue
        }
    }
    restoringSelection_ = false;
    viewLoaded_ = true;
    if (selectAfterView_ && model_->rowOf(*selectAfterView_)) {
        selectTicket(*selectAfterView_);  // the check-in just made, once a view shows it
        selectAfterView_.reset();
    }

    if (view.queues != queues_) {
        queues_ = view.queues;
        queueChoice_->Clear();
        int current = -1;
        for (std::size_t i = 0; i < queues_.size(); ++i) {
            queueChoice_->Append(fromUtf8(queues_[i].name));
            if (queues_[i].id == queueId_) {
                current = static_cast<int>(i);
            }
        }
        queueChoice_->SetSelection(current);
        const bool several = queues_.size() > 1;
        queueLabel_->Show(several);
        queueChoice_->Show(several);
        queueChoice_->GetParent()->Layout();
    }
    counts_ = view.counts;
    lastSync_ = view.lastSync;
    windowMinutes_ = static_cast<int>((view.checkinWindowS + 59) / 60);
    updateActions();
    updateStatusBar();
    updateBanner();
}

// --- actions ---

const core::CachedTicket* MainFrame::selected() const {
    if (!selectedId_) {
        return nullptr;
    }
    const auto row = model_->rowOf(*selectedId_);
    return row ? model_->at(*row) : nullptr;
}

bool MainFrame::enabled(Action action) const {
    if (!engine_) {
        return false;
    }
    if (action == Action::CallNext) {
        return model_->nextWaiting() != nullptr;
    }
    const core::CachedTicket* c = selected();
    if (!c) {
        return false;
    }
    const TicketStatus from = c->ticket.status;
    switch (action) {
        case Action::Call:
            return from == TicketStatus::Waiting;
        case Action::Recall:
            return from == TicketStatus::Called;
        default:
            return core::isValidTransition(from, *targetOf(action));
    }
}

void MainFrame::run(Action action) {
    if (!enabled(action)) {
        return;  // a shortcut for something the state machine does not allow here
    }
    const core::CachedTicket* c = action == Action::CallNext ? model_->nextWaiting() : selected();
    if (c) {
        if (action == Action::CallNext) {
            selectTicket(c->ticket.id);
        }
        transition(c->ticket, *targetOf(action));
    }
}

void MainFrame::transition(const core::Ticket& ticket, TicketStatus to) {
    std::optional<std::string> room;
    if (to == TicketStatus::Called && !options_.config.room.empty()) {
        room = options_.config.room;
    }
    logger().information("%s: %s", ticket.number, std::string(core::toString(to)));
    pump_.then<core::TransitionResult>(
        engine_->transition(ticket.id, to, room), [this](core::TransitionResult result) {
            if (result.delivery == core::Delivery::Failed) {
                showMessage(wxString::Format(
                    _("Change not possible: %s"),
                    result.problem ? problemText(*result.problem) : wxString()));
            }
            requestView();
        });
}

void MainFrame::syncNow() {
    if (!engine_) {
        return;
    }
    SetStatusText(_("Synchronising …"), FieldConnection);
    pump_.then<core::SyncReport>(engine_->syncNow(), [this](core::SyncReport) {
        requestView();
        updateStatusBar();
    });
}

void MainFrame::simulateTap() {
    if (!simulated_) {
        return;
    }
    core::Bytes uid;
    if (simulatedTaps_ < options_.simulatedCards.size()) {
        uid = options_.simulatedCards[simulatedTaps_];
    } else {
        uid = core::randomBytes(7);  // a card nobody registered
    }
    ++simulatedTaps_;
    simulateTap(uid);
}

void MainFrame::simulateTap(const core::Bytes& uid) {
    if (simulated_) {
        simulated_->tap(uid);
    }
}

void MainFrame::showUnsentChanges() {
    if (!engine_) {
        return;
    }
    UnsentChangesDialog dialog(this, *engine_, [this](const std::string& ticketId) {
        const auto row = model_->rowOf(ticketId);
        return row ? fromUtf8(model_->at(*row)->ticket.number) : wxString();
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
    model_->setShowNames(config.showNames);
    const bool connection = config.serverUrl != old.serverUrl || config.token != old.token ||
                            config.caFile != old.caFile || config.dataDir != old.dataDir;
    if (connection) {
        stopEngine();
        queueId_ = config.queueId;
        online_.reset();
        startEngine();
    } else if (config.queueId != queueId_) {
        queueId_ = config.queueId;
        selectedId_.reset();
        pump_.then(engine_->setQueue(queueId_), [this]() { requestView(); });
    }
    // A new room needs nothing else: transition() passes the configured room with every call.
    // Saved once, here, for the settings dialog and the queue chooser alike.
    std::string error;
    if (!options_.configPath.empty() && !(config == old) &&
        !config.save(options_.configPath, error)) {
        wxMessageBox(wxString::Format(_("The settings could not be saved: %s"), fromUtf8(error)),
                     _("Settings"), wxOK | wxICON_ERROR, this);
    }
    updateStatusBar();
    updateBanner();
}

void MainFrame::selectTicket(const std::string& ticketId) {
    if (const auto row = model_->rowOf(ticketId)) {
        selectedId_ = ticketId;
        const wxDataViewItem item = model_->GetItem(*row);
        list_->Select(item);
        list_->EnsureVisible(item);
        updateActions();
    }
}

void MainFrame::updateActions() {
    for (auto& [action, button] : buttons_) {
        button->Enable(enabled(action));
    }
    if (wxMenuBar* bar = GetMenuBar()) {
        for (Action a : kActions) {
            bar->Enable(idOf(a), enabled(a));
        }
    }
}

// --- what the window shows ---

wxString MainFrame::statusText(StatusField field) const {
    return GetStatusBar() ? GetStatusBar()->GetStatusText(field) : wxString();
}

void MainFrame::updateStatusBar() {
    wxString connection;
    if (!message_.empty()) {
        connection = message_;
    } else if (!online_) {
        connection = _("Connecting …");
    } else {
        connection = *online_ ? _("Online") : _("Offline");
    }
    SetStatusText(connection, FieldConnection);
    wxString reader = options_.pcscReader ? readerStateText(readerState_) : wxString();
    if (options_.demo) {
        reader += (reader.empty() ? wxString() : U8(" · ")) + _("Simulate card (Ctrl+T)");
    }
    SetStatusText(reader, FieldReader);
    const std::int64_t waiting = counts_.pending + counts_.conflict;
    wxString pending =
        waiting > 0 ? wxString::Format(wxPLURAL("%d change waiting", "%d changes waiting", waiting),
                                       static_cast<int>(waiting))
                    : wxString(_("All changes sent"));
    if (counts_.failed > 0) {
        pending +=
            U8(" · ") + wxString::Format(wxPLURAL("%d not sent", "%d not sent", counts_.failed),
                                         static_cast<int>(counts_.failed));
    }
    SetStatusText(pending, FieldPending);
    SetStatusText(lastSyncText(lastSync_, core::now()), FieldLastSync);
}

void MainFrame::updateBanner() {
    Banner want = Banner::None;
    wxString text;
    int icon = wxICON_WARNING;
    const core::Timestamp now = core::now();
    if (online_ && !*online_) {
        const bool stale = !lastSync_ || now - *lastSync_ > std::chrono::minutes(
                                                                options_.config.staleAfterMinutes);
        want = stale ? Banner::Stale : Banner::Offline;
        text = offlineBannerText(lastSync_, counts_.pending + counts_.conflict, now);
        if (stale) {
            text += U8(" – ") + staleBannerText(lastSync_, now);
            icon = wxICON_ERROR;
        }
    } else if (online_ && wasOffline_ && counts_.pending == 0) {
        want = Banner::BackOnline;
        text = _("Back online – all changes sent");
        icon = wxICON_INFORMATION;
        wasOffline_ = false;
        bannerTimer_.StartOnce(kBackOnlineMs);
    } else if (banner_ == Banner::BackOnline) {
        return;  // shown until its timer ends
    } else if (online_ && *online_ && (banner_ == Banner::Offline || banner_ == Banner::Stale)) {
        want = Banner::None;  // online again, changes still going out: the status bar says so
    }
    if (want == banner_ && text == bannerText_) {
        return;
    }
    banner_ = want;
    bannerText_ = text;
    if (want == Banner::None) {
        infoBar_->Dismiss();
    } else {
        infoBar_->ShowMessage(text, icon);
    }
}

void MainFrame::showMessage(const wxString& text) {
    message_ = text;
    messageTicks_ = kMessageTicks;
    updateStatusBar();
}

void MainFrame::showNextConflict() {
    if (conflictShown_ || conflicts_.empty() || closing_) {
        return;
    }
    conflictShown_ = true;
    const core::ConflictReport conflict = conflicts_.front();
    conflicts_.pop_front();
    const wxString desk = options_.config.deskName.empty() ? wxString(_("this desk"))
                                                           : fromUtf8(options_.config.deskName);
    ConflictDialog dialog(this, conflict, desk);
    const auto choice = ConflictDialog::choiceOf(dialog.ShowModal());
    conflictShown_ = false;
    if (choice && engine_) {
        logger().information(
            "conflict on %s: %s", conflict.server.number,
            std::string(*choice == core::ConflictChoice::KeepMine ? "keep mine"
                                                                  : "take the server's"));
        const std::string row = conflict.rowId;
        pump_.then(engine_->resolveConflict(row, *choice), [this, row]() {
            conflictRows_.erase(row);
            requestView();
        });
    } else {
        conflictRows_.erase(conflict.rowId);
    }
    if (!conflicts_.empty()) {
        CallAfter(&MainFrame::showNextConflict);  // one after another, never nested
    }
}

// --- core reports (UI thread, through the bridge) ---

void MainFrame::onConnectivity(bool online) {
    if (!online) {
        wasOffline_ = true;
    }
    online_ = online;
    requestView();
    updateStatusBar();
    updateBanner();
}

void MainFrame::onTicketsChanged(const std::string& queueId) {
    if (queueId == queueId_) {
        requestView();
    }
}

void MainFrame::onOutbox(const core::OutboxCounts& counts) {
    counts_ = counts;
    updateStatusBar();
    updateBanner();
    requestView();  // pending markers
}

void MainFrame::onConflict(const core::ConflictReport& conflict) {
    if (!conflictRows_.insert(conflict.rowId).second) {
        return;  // already waiting for an answer
    }
    conflicts_.push_back(conflict);
    CallAfter(&MainFrame::showNextConflict);
}

void MainFrame::onCheckIn(const core::CheckInResult& result) {
    checkIn_->show(checkInMessage(result, windowMinutes_));
    if (result.ticket) {
        logger().information("check-in %s: %s", result.ticket->number,
                             std::string(core::toString(result.delivery)));
        selectAfterView_ = result.ticket->id;
        requestView();  // coalesced with the view the tickets-changed report asks for
    }
}

void MainFrame::onProblem(const core::Problem& problem) {
    logger().warning("%s: %s", std::string(core::toString(problem.kind)), problem.detail);
    showMessage(problemText(problem));
}

void MainFrame::onError(const std::string& message) {
    logger().warning("%s", message);
    showMessage(wxString::Format(_("Problem: %s"), fromUtf8(message)));
}

void MainFrame::onReaderState(const core::ReaderState& state) {
    readerState_ = state;
    updateStatusBar();
}

void MainFrame::onCardTapped(const std::string& /*reader*/, const std::string& cardRef) {
    if (!engine_) {
        return;
    }
    if (cardRef.empty()) {
        checkIn_->show({CheckInMessage::Tone::Error, _("Check-in not possible"),
                        _("This desk has not reached the server yet, so it cannot read cards. "
                          "Please check the connection (Settings).")});
        return;
    }
    // The result comes back through onCheckIn (the listener), like every check-in.
    engine_->checkInCard(cardRef);
}

// --- events ---

void MainFrame::onSelectionChanged(wxDataViewEvent&) {
    if (restoringSelection_) {
        return;
    }
    const wxDataViewItem item = list_->GetSelection();
    if (item.IsOk()) {
        if (const core::CachedTicket* c = model_->at(model_->GetRow(item))) {
            selectedId_ = c->ticket.id;
        }
    } else {
        selectedId_.reset();
    }
    updateActions();
}

void MainFrame::onContextMenu(wxDataViewEvent& event) {
    if (!event.GetItem().IsOk()) {
        return;
    }
    if (const core::CachedTicket* c = model_->at(model_->GetRow(event.GetItem()))) {
        selectTicket(c->ticket.id);
    }
    wxMenu menu;
    for (Action a : kActions) {
        if (a == Action::CallNext) {
            continue;
        }
        menu.Append(idOf(a), labelOf(a));
        menu.Enable(idOf(a), enabled(a));
    }
    PopupMenu(&menu);
}

void MainFrame::onListMotion(wxMouseEvent& event) {
    event.Skip();
    wxDataViewItem item;
    wxDataViewColumn* column = nullptr;
    list_->HitTest(event.GetPosition(), item, column);
    wxString tip;
    if (item.IsOk() && column && column->GetModelColumn() == QueueModel::Pending) {
        if (const core::CachedTicket* c = model_->at(model_->GetRow(item)); c && c->pending) {
            tip = _("Not yet sent");
        }
    }
    wxWindow* main = list_->GetMainWindow();
    if (main->GetToolTipText() != tip) {
        main->SetToolTip(tip);
    }
}

void MainFrame::onClock(wxTimerEvent&) {
    if (messageTicks_ > 0 && --messageTicks_ == 0) {
        message_.clear();
    }
    if (++ticks_ % kRepaintEveryTicks == 0) {
        list_->Refresh();  // waiting times are made on paint
    }
    updateStatusBar();
    updateBanner();
}

void MainFrame::onClose(wxCloseEvent& event) {
    closing_ = true;
    clock_.Stop();
    Hide();
    event.Skip();  // Destroy(); the destructor stops the engine off the UI thread and joins it
}

}  // namespace sanad::ui
