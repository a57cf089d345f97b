#include <wx/choicdlg.h>  // wx before Poco's <windows.h> (MinGW; see action_controls.cpp)
#include <wx/msgdlg.h>

#include "sanad/ui/front_desk.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/history_dialog.h"
#include "sanad/ui/register_card_dialog.h"
#include "sanad/ui/stats_dialog.h"
#include "sanad/ui/texts.h"
#include "sanad/ui/walk_in_dialog.h"

#include <Poco/Logger.h>

namespace sanad::ui {

namespace {

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.ui");
}

}  // namespace

FrontDesk::FrontDesk(Parts parts) : p_(std::move(parts)) {}

template <typename T>
core::Done<T> FrontDesk::then(std::function<void(T)> onValue) {
    return p_.session.then<T>(p_.window, std::move(onValue), p_.error);
}

const core::Ticket* FrontDesk::selected() const {
    const core::CachedTicket* c = p_.list.selectedTicket();
    return c ? &c->ticket : nullptr;
}

bool FrontDesk::enabled(DeskCommand command) const {
    return p_.session.engine() && isEnabled(command, selected(), p_.queues().size());
}

void FrontDesk::run(DeskCommand command) {
    if (!enabled(command)) {
        return;  // a key for something not possible here
    }
    const core::Ticket* t = selected();
    switch (command) {
        case DeskCommand::WalkIn:
            walkIn();
            break;
        case DeskCommand::RegisterCard:
            registerCard(*t->cardRef, fromUtf8(t->number), t->patient.value_or(""));
            break;
        case DeskCommand::ForgetCard:
            forgetCard();
            break;
        case DeskCommand::ToggleUrgent:
            toggleUrgent();
            break;
        case DeskCommand::EditNote:
            p_.details.focusNote();
            break;
        case DeskCommand::EditName:
            p_.details.focusName();
            break;
        case DeskCommand::Transfer:
            transfer();
            break;
        case DeskCommand::History:
            history();
            break;
        case DeskCommand::Statistics:
            statistics();
            break;
    }
}

void FrontDesk::walkIn(const std::string& patient, const std::string& patientId) {
    core::SyncEngine* engine = p_.session.engine();
    if (!engine) {
        return;
    }
    WalkInDialog dialog(&p_.window, patient, patientId);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    core::WalkIn walkIn = dialog.walkIn();
    walkIn.queueId = p_.queueId();
    const bool fromPvs = !patient.empty() && walkIn.patient == std::optional(patient);
    logger().information("walk-in");
    // Like a tap, the result reaches the window through the core's check-in report (the number
    // at once in the check-in panel, offline from the leased block); here only a refresh.
    engine->checkInWalkIn(walkIn,
                          then<core::CheckInResult>([this](core::CheckInResult) { p_.refresh(); }));
    if (fromPvs) {
        p_.pvs.close();  // the PVS patient is checked in
    }
}

void FrontDesk::registerCard(const std::string& cardRef, const wxString& number,
                             const std::string& patient) {
    RegisterCardDialog dialog(&p_.window, number, patient);
    if (dialog.ShowModal() != wxID_OK || cardRef.empty()) {
        return;
    }
    sendRegistration(cardRef, dialog.registration());
}

void FrontDesk::sendRegistration(const std::string& cardRef, core::CardRegistration registration) {
    core::SyncEngine* engine = p_.session.engine();
    if (!engine) {
        return;
    }
    logger().information("card registered");
    const wxString name = fromUtf8(registration.patient.value_or(""));
    engine->registerCard(
        cardRef, std::move(registration),
        then<core::CardResult>([this, name](core::CardResult result) {
            if (result.delivery == core::Delivery::Failed) {
                p_.status.showMessage(
                    wxString::Format(_("Card not registered: %s"),
                                     result.problem ? problemText(*result.problem) : wxString()));
            } else {
                p_.status.showMessage(wxString::Format(_("Card registered to %s"), name));
            }
            p_.refresh();
        }));
}

void FrontDesk::forgetCard() {
    const core::Ticket* t = selected();
    core::SyncEngine* engine = p_.session.engine();
    if (!t || !t->cardRef || !engine) {
        return;
    }
    wxMessageDialog confirm(&p_.window,
                            _("This card will be forgotten: later taps will no longer carry a "
                              "name. The tickets keep theirs. Continue?"),
                            _("Forget card"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    confirm.SetYesNoLabels(_("Forget card"), _C("dialog", "Cancel"));
    if (confirm.ShowModal() != wxID_YES) {
        return;
    }
    logger().information("card forgotten");
    engine->forgetCard(*t->cardRef, then<core::CardResult>([this](core::CardResult result) {
        p_.status.showMessage(result.delivery == core::Delivery::Failed
                                  ? wxString(_("The card could not be forgotten."))
                                  : wxString(_("Card forgotten")));
        p_.refresh();
    }));
}

void FrontDesk::toggleUrgent() {
    if (const core::Ticket* t = selected()) {
        core::TicketChanges c;
        c.priority =
            t->priority == core::Priority::Urgent ? core::Priority::Normal : core::Priority::Urgent;
        edit(c);
    }
}

void FrontDesk::edit(const core::TicketChanges& changes) {
    const core::Ticket* t = selected();
    core::SyncEngine* engine = p_.session.engine();
    if (!t || !engine || changes.empty()) {
        return;
    }
    logger().information("%s: edit", t->number);
    const wxString number = fromUtf8(t->number);
    const std::optional<std::string> to = changes.queueId;
    engine->edit(t->id, changes,
                 then<core::TransitionResult>([this, number, to](core::TransitionResult result) {
                     if (result.delivery == core::Delivery::Failed) {
                         p_.status.showMessage(wxString::Format(
                             _("Change not possible: %s"),
                             result.problem ? problemText(*result.problem) : wxString()));
                     } else if (result.resolution == core::Resolution::ServerWins) {
                         p_.status.showMessage(wxString::Format(
                             _("%s was not changed: the ticket has moved on meanwhile"), number));
                     } else if (to) {
                         p_.status.showMessage(
                             wxString::Format(_("%s transferred to %s"), number, queueName(*to)));
                     }
                     p_.refresh();
                 }));
}

void FrontDesk::transfer() {
    const core::Ticket* t = selected();
    if (!t) {
        return;
    }
    wxArrayString names;
    std::vector<std::string> ids;
    for (const core::Queue& q : p_.queues()) {
        if (q.id != t->queueId) {
            names.push_back(fromUtf8(q.name));
            ids.push_back(q.id);
        }
    }
    if (ids.empty()) {
        return;
    }
    wxSingleChoiceDialog dialog(
        &p_.window,
        wxString::Format(_("%s joins the end of the other queue's line; the number stays."),
                         fromUtf8(t->number)),
        _("Transfer to …"), names);
    if (dialog.ShowModal() != wxID_OK || dialog.GetSelection() < 0) {
        return;
    }
    core::TicketChanges c;
    c.queueId = ids[static_cast<std::size_t>(dialog.GetSelection())];
    edit(c);
}

void FrontDesk::history() {
    const core::Ticket* t = selected();
    core::SyncEngine* engine = p_.session.engine();
    if (!t || !engine) {
        return;
    }
    HistoryDialog dialog(&p_.window, *engine, t->id, fromUtf8(t->number),
                         [this](const std::string& id) { return queueName(id); });
    dialog.ShowModal();
}

void FrontDesk::statistics() {
    StatsDialog dialog(&p_.window, p_.session.engine(), p_.queues(), p_.queueId());
    dialog.ShowModal();
}

void FrontDesk::checkedIn(const core::CheckInResult& result) {
    if (!result.ticket || !result.ticket->cardRef || result.delivery == core::Delivery::Failed) {
        return;
    }
    const core::Ticket& t = *result.ticket;
    if (pendingCard_) {
        // "Karte zuordnen" in the PVS bar: this tap's card is the patient's.
        core::CardRegistration registration = *pendingCard_;
        pendingCard_.reset();
        p_.pvs.close();
        sendRegistration(*t.cardRef, std::move(registration));
        return;
    }
    if (!t.patient) {
        const std::string cardRef = *t.cardRef;
        const wxString number = fromUtf8(t.number);
        p_.checkIn.offer(_("Register card …"),
                         [this, cardRef, number] { registerCard(cardRef, number); });
    }
}

void FrontDesk::showPvsPatient(const std::string& name, const std::string& patientId) {
    pendingCard_.reset();  // a new patient: an earlier "Karte zuordnen" is off
    p_.pvs.show(name, patientId);
}

void FrontDesk::registerNextCard() {
    pendingCard_ = registrationOf(p_.pvs.name(), p_.pvs.patientId());
}

wxString FrontDesk::queueName(const std::string& queueId) const {
    for (const core::Queue& q : p_.queues()) {
        if (q.id == queueId) {
            return fromUtf8(q.name);
        }
    }
    return fromUtf8(queueId);
}

}  // namespace sanad::ui
