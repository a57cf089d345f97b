#include "sanad/ui/history_dialog.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/dialog_parts.h"
#include "sanad/ui/texts.h"
#include "sanad/ui/then_on_window.h"

#include <Poco/Logger.h>

#include <wx/button.h>
#include <wx/sizer.h>

namespace sanad::ui {

HistoryDialog::HistoryDialog(wxWindow* parent, core::SyncEngine& engine,
                             const std::string& ticketId, const wxString& number,
                             QueueName queueName)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("History of %s"), number), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      queueName_(std::move(queueName)) {
    message_ = new wxStaticText(this, wxID_ANY, _("Loading …"));
    list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(720, 280)),
                           wxLC_REPORT | wxLC_SINGLE_SEL);
    list_->AppendColumn(_("When"), wxLIST_FORMAT_LEFT, FromDIP(110));
    list_->AppendColumn(_("Desk"), wxLIST_FORMAT_LEFT, FromDIP(130));
    list_->AppendColumn(_("What changed"), wxLIST_FORMAT_LEFT, FromDIP(460));
    wxButton* close = closeButton(*this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(message_, 0, wxLEFT | wxRIGHT | wxTOP, 12);
    sizer->Add(list_, 1, wxEXPAND | wxALL, 12);
    sizer->Add(close, 0, wxALIGN_RIGHT | wxLEFT | wxRIGHT | wxBOTTOM, 12);
    SetSizerAndFit(sizer);
    engine.history(ticketId,
                   thenOnWindow<core::HistoryResult>(
                       *this, [this](core::HistoryResult r) { show(r); },
                       [this](const std::string& error) {
                           Poco::Logger::get("sanad.ui").warning("history: %s", error);
                           show(core::HistoryResult{
                               std::nullopt, core::Problem{core::ProblemKind::Internal, error}});
                       }));
}

void HistoryDialog::show(const core::HistoryResult& result) {
    loaded_ = true;
    list_->DeleteAllItems();
    rows_.clear();
    if (!result.history) {
        // Whatever the reason (offline, an older server), the receptionist can do one thing.
        message_->SetLabel(_("The history can only be read while connected to the server."));
        return;
    }
    rows_ = historyRows(*result.history, queueName_, core::now());
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        const long index = list_->InsertItem(static_cast<long>(i), rows_[i].when);
        list_->SetItem(index, 1, rows_[i].desk);
        list_->SetItem(index, 2, rows_[i].what);
    }
    message_->SetLabel(
        wxString::Format(wxPLURAL("%d version", "%d versions", static_cast<int>(rows_.size())),
                         static_cast<int>(rows_.size())));
}

}  // namespace sanad::ui
