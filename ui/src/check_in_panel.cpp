#include "sanad/ui/check_in_panel.h"

#include <wx/sizer.h>

namespace sanad::ui {

CheckInPanel::CheckInPanel(wxWindow* parent, int shownForMs)
    : wxPanel(parent, wxID_ANY), timer_(this), shownForMs_(shownForMs) {
    headline_ = new wxStaticText(this, wxID_ANY, wxString());
    wxFont big = headline_->GetFont();
    big.SetPointSize(big.GetPointSize() * 2 + 4);
    big.MakeBold();
    headline_->SetFont(big);
    detail_ = new wxStaticText(this, wxID_ANY, wxString());
    wxFont medium = detail_->GetFont();
    medium.SetPointSize(medium.GetPointSize() + 3);
    detail_->SetFont(medium);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(headline_, 0, wxLEFT | wxRIGHT | wxTOP, 12);
    sizer->Add(detail_, 0, wxALL, 12);
    SetSizer(sizer);
    Bind(wxEVT_TIMER, &CheckInPanel::onTimer, this, timer_.GetId());
    Hide();
}

void CheckInPanel::show(const CheckInMessage& message) {
    wxColour background;
    switch (message.tone) {
        case CheckInMessage::Tone::Welcome:
            background = wxColour(214, 240, 214);
            break;
        case CheckInMessage::Tone::Existing:
            background = wxColour(214, 228, 247);
            break;
        case CheckInMessage::Tone::Warning:
            background = wxColour(255, 236, 200);
            break;
        case CheckInMessage::Tone::Error:
            background = wxColour(250, 210, 210);
            break;
    }
    SetBackgroundColour(background);
    headline_->SetLabel(message.headline);
    detail_->SetLabel(message.detail);
    detail_->Show(!message.detail.empty());
    Show();
    GetParent()->Layout();
    Refresh();
    timer_.StartOnce(shownForMs_);
}

void CheckInPanel::onTimer(wxTimerEvent&) {
    Hide();
    GetParent()->Layout();
}

}  // namespace sanad::ui
