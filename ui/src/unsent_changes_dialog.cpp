#include "sanad/ui/unsent_changes_dialog.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/dialog_parts.h"
#include "sanad/ui/texts.h"
#include "sanad/ui/then_on_window.h"

#include <Poco/Logger.h>

#include <wx/button.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace sanad::ui {

UnsentChangesDialog::UnsentChangesDialog(wxWindow* parent, core::SyncEngine& engine,
                                         NumberOf numberOf)
    : wxDialog(parent, wxID_ANY, _("Changes not sent"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      engine_(engine),
      numberOf_(std::move(numberOf)) {
    list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(720, 260)),
                           wxLC_REPORT | wxLC_SINGLE_SEL);
    list_->AppendColumn(_("When"), wxLIST_FORMAT_LEFT, FromDIP(110));
    list_->AppendColumn(_("Change"), wxLIST_FORMAT_LEFT, FromDIP(170));
    list_->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(110));
    list_->AppendColumn(_("Reason"), wxLIST_FORMAT_LEFT, FromDIP(320));
    retry_ = new wxButton(this, wxID_ANY, _("Send again"));
    discard_ = new wxButton(this, wxID_ANY, _("Discard …"));
    wxButton* close = closeButton(*this);

    retry_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { retrySelected(); });
    discard_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { discardSelected(); });
    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateButtons(); });
    list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { updateButtons(); });

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(retry_, 0, wxRIGHT, 8);
    buttons->Add(discard_, 0);
    buttons->AddStretchSpacer();
    buttons->Add(close, 0);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(list_, 1, wxEXPAND | wxALL, 12);
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 12);
    SetSizerAndFit(sizer);
    updateButtons();
    reload();
}

void UnsentChangesDialog::reload() {
    engine_.unsentChanges(thenOnWindow<std::vector<core::OfflineRequest>>(
        *this, [this](std::vector<core::OfflineRequest> rows) { show(std::move(rows)); },
        [this](const std::string& error) { showFailure(error); }));
}

core::Done<bool> UnsentChangesDialog::reloadWhenDone() {
    return thenOnWindow<bool>(
        *this, [this](bool) { reload(); },
        [this](const std::string& error) { showFailure(error); });
}

void UnsentChangesDialog::showFailure(const std::string& error) {
    Poco::Logger::get("sanad.ui").warning("changes not sent: %s", error);
    wxMessageBox(fromUtf8(error), _("Changes not sent"), wxOK | wxICON_ERROR, this);
}

void UnsentChangesDialog::show(std::vector<core::OfflineRequest> rows) {
    rows_ = std::move(rows);
    ++loads_;
    list_->DeleteAllItems();
    const core::Timestamp now = core::now();
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        const core::OfflineRequest& row = rows_[i];
        const long index = list_->InsertItem(static_cast<long>(i), whenText(row.createdAt, now));
        list_->SetItem(index, 1, changeDescription(row, numberOf_ ? numberOf_(row.ticketId) : ""));
        list_->SetItem(index, 2,
                       row.status == core::OutboxStatus::Conflict ? _("Conflict") : _("Refused"));
        list_->SetItem(index, 3, unsentReason(row));
    }
    updateButtons();
}

long UnsentChangesDialog::selected() const {
    return list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
}

void UnsentChangesDialog::select(long index) {
    list_->SetItemState(index, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    updateButtons();
}

void UnsentChangesDialog::updateButtons() {
    const long row = selected();
    const bool any = row >= 0 && static_cast<std::size_t>(row) < rows_.size();
    // A conflict is answered in the conflict dialog, not sent again as it was.
    retry_->Enable(any &&
                   rows_[static_cast<std::size_t>(row)].status == core::OutboxStatus::Failed);
    discard_->Enable(any);
}

void UnsentChangesDialog::retrySelected() {
    const long row = selected();
    if (row < 0 || static_cast<std::size_t>(row) >= rows_.size()) {
        return;
    }
    engine_.retryRow(rows_[static_cast<std::size_t>(row)].id, reloadWhenDone());
}

void UnsentChangesDialog::discardSelected() {
    const long row = selected();
    if (row < 0 || static_cast<std::size_t>(row) >= rows_.size()) {
        return;
    }
    wxMessageDialog confirm(this, _("This change will be discarded for good. Continue?"),
                            _("Discard change"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    if (confirm.ShowModal() != wxID_YES) {
        return;
    }
    engine_.discardRow(rows_[static_cast<std::size_t>(row)].id, reloadWhenDone());
}

}  // namespace sanad::ui
