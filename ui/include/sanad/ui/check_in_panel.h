#pragma once

#include "sanad/ui/texts.h"

#include <wx/button.h>
#include <wx/panel.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/timer.h>

#include <functional>
#include <optional>
#include <string>

namespace sanad::ui {

/// The big check-in line under the banner ("A017 – bitte nehmen Sie im Wartezimmer Platz"),
/// coloured by outcome, hidden again after `shownFor`; it may offer one action for the
/// receptionist ("Karte zuordnen …" after an unknown card), which keeps it up four times as
/// long. With a status URL (the patient's status page, CheckInResult::statusUrl) it shows that
/// URL as a QR code on the right, captioned "Status auf dem Handy: QR-Code scannen". UI thread
/// only.
class CheckInPanel : public wxPanel {
public:
    explicit CheckInPanel(wxWindow* parent, int shownForMs = 8000);
    /// Shows `message` (and takes back an action offered before), with the QR code of
    /// `statusUrl` when there is one.
    void show(const CheckInMessage& message,
              const std::optional<std::string>& statusUrl = std::nullopt);
    /// Offers a button with `label` beside the message shown; pressing it runs `action`.
    void offer(const wxString& label, std::function<void()> action);
    /// The offered button, if one is shown.
    wxButton* actionButton() const { return action_->IsShown() ? action_ : nullptr; }
    wxString headline() const { return headline_->GetLabel(); }
    wxString detail() const { return detail_->GetLabel(); }
    /// The URL the QR code shown holds; empty when none is shown.
    const std::string& qrUrl() const { return qrUrl_; }
    /// The QR code's window (for a screenshot of just the code), if one is shown.
    wxWindow* qrCode() const { return qrUrl_.empty() ? nullptr : qr_; }

private:
    void onTimer(wxTimerEvent& event);

    wxStaticText* headline_;
    wxStaticText* detail_;
    wxButton* action_;
    wxStaticBitmap* qr_;
    wxStaticText* qrCaption_;
    std::string qrUrl_;
    std::function<void()> onAction_;
    wxTimer timer_;
    int shownForMs_;
};

}  // namespace sanad::ui
