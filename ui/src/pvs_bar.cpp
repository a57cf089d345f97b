#include "sanad/ui/pvs_bar.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/texts.h"

#include <wx/sizer.h>

namespace sanad::ui {

PvsBar::PvsBar(wxWindow* parent, Handlers handlers)
    : wxPanel(parent, wxID_ANY), handlers_(std::move(handlers)) {
    SetBackgroundColour(wxColour(255, 248, 214));
    text_ = new wxStaticText(this, wxID_ANY, wxString());
    wxFont bold = text_->GetFont();
    bold.SetPointSize(bold.GetPointSize() + 2);
    bold.MakeBold();
    text_->SetFont(bold);
    walkIn_ = new wxButton(this, wxID_ANY, _("Check in without card …"));
    register_ = new wxButton(this, wxID_ANY, _("Register card"));
    register_->SetToolTip(_("The next card tapped is registered to this patient"));
    auto* close = new wxButton(this, wxID_ANY, U8("✕"), wxDefaultPosition, wxDefaultSize,
                               wxBU_EXACTFIT | wxBORDER_NONE);
    close->SetToolTip(_("Close"));
    walkIn_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (handlers_.walkIn) {
            handlers_.walkIn();
        }
    });
    register_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        waitForCard();
        if (handlers_.registerNextCard) {
            handlers_.registerNextCard();
        }
    });
    close->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { this->close(); });
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(text_, 1, wxALIGN_CENTER_VERTICAL | wxALL, 10);
    sizer->Add(walkIn_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    sizer->Add(register_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    sizer->Add(close, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    SetSizer(sizer);
    Hide();
}

void PvsBar::show(const std::string& name, const std::string& patientId) {
    name_ = name;
    patientId_ = patientId;
    text_->SetLabel(wxString::Format(_("From practice system: %s"), fromUtf8(name)));
    register_->Enable();
    Show();
    GetParent()->Layout();
}

void PvsBar::waitForCard() {
    text_->SetLabel(
        wxString::Format(_("From practice system: %s – tap the card now"), fromUtf8(name_)));
    register_->Disable();
    Layout();
}

void PvsBar::close() {
    const bool wasShown = IsShown();
    name_.clear();
    patientId_.clear();
    Hide();
    GetParent()->Layout();
    if (wasShown && handlers_.closed) {
        handlers_.closed();
    }
}

}  // namespace sanad::ui
