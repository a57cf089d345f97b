#pragma once

#include <wx/button.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <functional>
#include <string>

namespace sanad::ui {

/// The patient the practice system (PVS, a GDT 6301 file) handed over: "Aus PVS: Erika
/// Mustermann" with "Ohne Karte anmelden …", "Karte zuordnen" (the next tap registers that card
/// to the patient) and a close button. Only the name and the patient id are kept, and only until
/// the bar closes. UI thread only.
class PvsBar : public wxPanel {
public:
    struct Handlers {
        std::function<void()> walkIn;
        std::function<void()> registerNextCard;
        std::function<void()> closed;
    };
    PvsBar(wxWindow* parent, Handlers handlers);

    void show(const std::string& name, const std::string& patientId);
    /// "Karte zuordnen" was pressed: the bar says it waits for the tap.
    void waitForCard();
    void close();
    const std::string& name() const { return name_; }
    const std::string& patientId() const { return patientId_; }
    wxString text() const { return text_->GetLabel(); }
    wxButton* walkInButton() const { return walkIn_; }
    wxButton* registerButton() const { return register_; }

private:
    Handlers handlers_;
    wxStaticText* text_;
    wxButton* walkIn_;
    wxButton* register_;
    std::string name_;
    std::string patientId_;
};

}  // namespace sanad::ui
