#include "sanad/ui/check_in_panel.h"

#include "sanad/ui/qr_code.h"
#include "sanad/ui/translate.h"

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
    action_ = new wxButton(this, wxID_ANY, wxString());
    action_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        // The action may open a modal dialog: take it first, the panel may change meanwhile.
        std::function<void()> action = std::move(onAction_);
        onAction_ = nullptr;
        action_->Hide();
        Layout();
        if (action) {
            action();
        }
    });
    action_->Hide();
    // The QR code sits on white whatever the tone: a reader needs the contrast (and the quiet
    // zone is white anyway).
    qr_ = new wxStaticBitmap(this, wxID_ANY, wxBitmap());
    qrCaption_ = new wxStaticText(this, wxID_ANY, _("Follow your status: scan the QR code"));
    auto* lower = new wxBoxSizer(wxHORIZONTAL);
    lower->Add(detail_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 16);
    lower->Add(action_, 0, wxALIGN_CENTER_VERTICAL);
    auto* text = new wxBoxSizer(wxVERTICAL);
    text->Add(headline_, 0, wxLEFT | wxRIGHT | wxTOP, 12);
    text->Add(lower, 0, wxALL, 12);
    auto* code = new wxBoxSizer(wxVERTICAL);
    code->Add(qr_, 0, wxALIGN_CENTER_HORIZONTAL);
    code->Add(qrCaption_, 0, wxALIGN_CENTER_HORIZONTAL | wxTOP, 4);
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(text, 1, wxALIGN_CENTER_VERTICAL);
    sizer->Add(code, 0, wxALIGN_CENTER_VERTICAL | wxALL, 8);
    qr_->Hide();
    qrCaption_->Hide();
    SetSizer(sizer);
    Bind(wxEVT_TIMER, &CheckInPanel::onTimer, this, timer_.GetId());
    Hide();
}

void CheckInPanel::show(const CheckInMessage& message,
                        const std::optional<std::string>& statusUrl) {
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
    action_->Hide();
    onAction_ = nullptr;
    const wxBitmap code = statusUrl ? qrCodeBitmap(*statusUrl, FromDIP(168)) : wxBitmap();
    qrUrl_ = code.IsOk() ? *statusUrl : std::string();
    qr_->SetBitmap(code);
    qr_->Show(code.IsOk());
    qrCaption_->Show(code.IsOk());
    Layout();
    Show();
    GetParent()->Layout();
    Refresh();
    timer_.StartOnce(shownForMs_);
}

void CheckInPanel::offer(const wxString& label, std::function<void()> action) {
    onAction_ = std::move(action);
    action_->SetLabel(label);
    action_->Show();
    Layout();
    GetParent()->Layout();
    timer_.StartOnce(shownForMs_ * 4);
}

void CheckInPanel::onTimer(wxTimerEvent&) {
    action_->Hide();
    onAction_ = nullptr;
    qrUrl_.clear();
    qr_->Hide();
    qrCaption_->Hide();
    Hide();
    GetParent()->Layout();
}

}  // namespace sanad::ui
