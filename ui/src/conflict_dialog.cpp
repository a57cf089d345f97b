#include "sanad/ui/conflict_dialog.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/texts.h"

#include <Poco/Logger.h>

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace sanad::ui {

ConflictDialog::ConflictDialog(wxWindow* parent, const core::ConflictReport& conflict,
                               const wxString& deskName)
    : wxDialog(parent, wxID_ANY, conflictTitle(conflict), wxDefaultPosition, wxDefaultSize,
               wxCAPTION),
      conflict_(conflict) {
    auto* text = new wxStaticText(this, wxID_ANY, conflictText(conflict, deskName));
    text->Wrap(FromDIP(460));

    const bool cancelled = conflict.requested.to == core::TicketStatus::Cancelled;
    const bool inTreatment = conflict.server.status == core::TicketStatus::InProgress;
    auto* mine = new wxButton(
        this, kKeepMine,
        cancelled ? _("Keep cancelled")
                  : wxString::Format(_("Keep “%s”"), statusLabel(conflict.requested.to)));
    auto* servers = new wxButton(
        this, kTakeServers,
        inTreatment ? _("Keep in treatment")
                    : wxString::Format(_("Keep “%s”"), statusLabel(conflict.server.status)));
    servers->SetDefault();  // the safer answer: a patient in treatment stays there
    mine->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(kKeepMine); });
    servers->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(kTakeServers); });
    Bind(wxEVT_CLOSE_WINDOW, [](wxCloseEvent& e) {
        if (e.CanVeto()) {
            e.Veto();  // the decision is needed
        }
    });

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->AddStretchSpacer();
    buttons->Add(mine, 0, wxRIGHT, 8);
    buttons->Add(servers, 0);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(text, 0, wxALL, 16);
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 16);
    SetSizerAndFit(sizer);
    CentreOnParent();
}

std::optional<core::ConflictChoice> ConflictDialog::choiceOf(int modalResult) {
    if (modalResult == kKeepMine) {
        return core::ConflictChoice::KeepMine;
    }
    if (modalResult == kTakeServers) {
        return core::ConflictChoice::TakeServers;
    }
    return std::nullopt;
}

std::optional<core::ConflictChoice> ConflictDialog::ask(wxWindow* parent,
                                                        const core::ConflictReport& conflict,
                                                        const std::string& deskName) {
    ConflictDialog dialog(parent, conflict,
                          deskName.empty() ? wxString(_("this desk")) : fromUtf8(deskName));
    const auto choice = choiceOf(dialog.ShowModal());
    if (choice) {
        Poco::Logger::get("sanad.ui")
            .information(
                "conflict on %s: %s", conflict.server.number,
                std::string(*choice == core::ConflictChoice::KeepMine ? "keep mine"
                                                                      : "take the server's"));
    }
    return choice;
}

}  // namespace sanad::ui
