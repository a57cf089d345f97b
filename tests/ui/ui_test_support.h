#pragma once
// Helpers for the wx tier: pumping events until something holds, screenshots as artifacts,
// answering modal dialogs from inside their modal loop.
#include <wx/dialog.h>
#include <wx/modalhook.h>
#include <wx/timer.h>
#include <wx/window.h>

#include <chrono>
#include <functional>
#include <string>

namespace sanad::test {

/// Processes wx events (and CallAfter, timers) until `condition` holds or `deadline` passes.
bool pumpUntil(const std::function<bool()>& condition,
               std::chrono::milliseconds deadline = std::chrono::seconds(20));
/// Processes events for `duration`. Never to prove that something did not happen: wait for a
/// positive event that comes after it instead (pumpPast, a counter, a later report).
void pumpFor(std::chrono::milliseconds duration);
/// Queues a call on `handler` (wxTheApp when null) and processes events until it has run: every
/// call queued there before, from any thread, has run by then. False after `deadline`.
bool pumpPast(wxEvtHandler* handler = nullptr,
              std::chrono::milliseconds deadline = std::chrono::seconds(20));
/// Saves the whole X screen (dialogs included) as <artifacts>/<name>.png; returns the path.
std::string screenshot(const std::string& name);
/// Saves the part of the screen `window` covers (its dialogs on top included).
std::string screenshotOf(const wxWindow& window, const std::string& name);
/// Destroys every top-level window and pumps until they are gone.
void closeAllWindows();

/// Answers modal dialogs while they are really shown: for each dialog `answer` is asked (inside
/// the modal loop, after `delay` so the dialog is painted); it returns the id of the button to
/// press, or wxID_NONE to leave the dialog alone. Installed for its lifetime.
class ModalAnswerer : public wxModalDialogHook {
public:
    using Answer = std::function<int(wxDialog* dialog)>;
    explicit ModalAnswerer(Answer answer,
                           std::chrono::milliseconds delay = std::chrono::milliseconds(300));
    ~ModalAnswerer() override;
    int shown() const { return shown_; }

protected:
    int Enter(wxDialog* dialog) override;
    void Exit(wxDialog* dialog) override;

private:
    Answer answer_;
    std::chrono::milliseconds delay_;
    int shown_ = 0;
};

/// Presses the button `id` of `dialog` the way a click does.
void pressButton(wxDialog* dialog, int id);

}  // namespace sanad::test
