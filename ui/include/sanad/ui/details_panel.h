#pragma once

#include "sanad/core/console_store.h"
#include "sanad/ui/desk_commands.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sanad::ui {

/// Beside the list: the selected ticket (number in large type, status chip, urgent, waiting time
/// and estimate, patient, patient id, note, "Verlauf") and its edit fields (urgent, name, patient
/// id, note, queue), applied with one button as one edit. A refresh of the same ticket keeps
/// what the receptionist is typing; another ticket fills the fields anew. UI thread only.
class DetailsPanel : public wxScrolledWindow {
public:
    struct Handlers {
        std::function<void(const core::TicketChanges&)> apply;
        std::function<void()> history;
    };
    DetailsPanel(wxWindow* parent, Handlers handlers);

    /// Shows `ticket` (none: "no ticket selected"); `queues` fill the queue chooser.
    void show(const core::CachedTicket* ticket, const std::vector<core::Queue>& queues,
              core::Timestamp now);
    /// Applies the edit fields (nothing when they match the ticket).
    void apply();
    void focusNote() { note_->SetFocus(); }
    void focusName() { name_->SetFocus(); }
    EditValues values() const;
    const std::optional<std::string>& ticketId() const { return ticketId_; }

    // What a test looks at.
    wxString numberText() const { return number_->GetLabel(); }
    wxString statusText() const { return status_->GetLabel(); }
    wxString urgentText() const { return urgentMark_->IsShown() ? urgentMark_->GetLabel() : ""; }
    wxString waitingText() const { return waiting_->GetLabel(); }
    wxString noteText() const { return noteShown_->GetLabel(); }
    wxString patientIdText() const { return patientIdShown_->GetLabel(); }
    wxCheckBox* urgent() const { return urgent_; }
    wxTextCtrl* name() const { return name_; }
    wxTextCtrl* patientId() const { return patientId_; }
    wxTextCtrl* note() const { return note_; }
    wxChoice* queue() const { return queue_; }
    wxButton* applyButton() const { return applyButton_; }
    wxButton* historyButton() const { return historyButton_; }

private:
    void fill(const core::Ticket& ticket);
    void showQueues(const std::vector<core::Queue>& queues, const std::string& current);
    wxStaticText* value(wxFlexGridSizer& grid, const wxString& label);

    Handlers handlers_;
    wxPanel* body_;
    wxStaticText* empty_;
    wxStaticText* number_;
    wxStaticText* status_;
    wxStaticText* urgentMark_;
    wxStaticText* waiting_;
    wxStaticText* estimate_;
    wxStaticText* patientShown_;
    wxStaticText* patientIdShown_;
    wxStaticText* noteShown_;
    wxButton* historyButton_;
    wxCheckBox* urgent_;
    wxTextCtrl* name_;
    wxTextCtrl* patientId_;
    wxTextCtrl* note_;
    wxChoice* queue_;
    wxButton* applyButton_;
    std::optional<std::string> ticketId_;
    std::optional<core::Ticket> ticket_;
    EditValues filled_;  // what the fields were given: they differ once the receptionist types
    std::vector<core::Queue> queues_;
};

}  // namespace sanad::ui
