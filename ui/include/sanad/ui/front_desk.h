#pragma once

#include "sanad/core/console_core.h"
#include "sanad/ui/check_in_panel.h"
#include "sanad/ui/console_session.h"
#include "sanad/ui/desk_commands.h"
#include "sanad/ui/details_panel.h"
#include "sanad/ui/pvs_bar.h"
#include "sanad/ui/queue_list.h"
#include "sanad/ui/status_area.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sanad::ui {

/// The front desk's work beside the status transitions, for the main window: walk-ins, card
/// registration (from the check-in panel after an unknown card, from the ticket, or for the
/// patient the practice system handed over), forgetting a card, edits (urgent, note, name,
/// transfer), history and the day's statistics. Modal dialogs on the UI thread; every change goes
/// through the SyncEngine (outbox first) and its answer comes back with thenOnWindow.
/// UI thread only; the parts belong to the window and outlive this.
class FrontDesk {
public:
    struct Parts {
        wxWindow& window;
        ConsoleSession& session;
        QueueList& list;
        DetailsPanel& details;
        CheckInPanel& checkIn;
        PvsBar& pvs;
        StatusArea& status;
        std::function<const std::vector<core::Queue>&()> queues;
        std::function<const std::string&()> queueId;
        std::function<int()> windowMinutes;
        std::function<void(const std::string& ticketId)> showTicket;  // select once in the list
        std::function<void()> refresh;                                // a new view
        std::function<void(const std::string&)> error;                // the window's error path
    };
    explicit FrontDesk(Parts parts);

    bool enabled(DeskCommand command) const;
    void run(DeskCommand command);

    /// "Ohne Karte anmelden …", pre-filled (the PVS patient) or empty.
    void walkIn(const std::string& patient = {}, const std::string& patientId = {});
    /// "Karte zuordnen …" for `cardRef` (the ticket `number` came with it).
    void registerCard(const std::string& cardRef, const wxString& number,
                      const std::string& patient = {});
    /// Applies `changes` to the selected ticket.
    void edit(const core::TicketChanges& changes);
    void transfer();
    void history();
    void statistics();
    /// A check-in the window showed: offers "Karte zuordnen …" for an unknown card, or registers
    /// the card to the PVS patient waiting for a tap.
    void checkedIn(const core::CheckInResult& result);
    /// The practice system's patient (GDT): shown in the PVS bar.
    void showPvsPatient(const std::string& name, const std::string& patientId);
    /// The patient the next tap's card is registered to, if "Karte zuordnen" was pressed.
    const std::optional<core::CardRegistration>& pendingCard() const { return pendingCard_; }
    /// Called by the PVS bar.
    void registerNextCard();
    void pvsClosed() { pendingCard_.reset(); }

private:
    const core::Ticket* selected() const;
    void forgetCard();
    void toggleUrgent();
    void sendRegistration(const std::string& cardRef, core::CardRegistration registration);
    wxString queueName(const std::string& queueId) const;
    template <typename T>
    core::Done<T> then(std::function<void(T)> onValue);

    Parts p_;
    std::optional<core::CardRegistration> pendingCard_;
};

}  // namespace sanad::ui
