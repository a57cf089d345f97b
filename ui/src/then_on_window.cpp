#include "sanad/ui/then_on_window.h"

#include <wx/thread.h>

namespace sanad::ui {

namespace {

void destroyOnUiThread(wxWeakRef<wxWindow>* ref) {
    if (wxIsMainThread() || wxTheApp == nullptr) {
        delete ref;
        return;
    }
    // Owned by the queued call: destroyed on the UI thread whether it runs or is dropped at exit.
    wxTheApp->CallAfter([owned = std::shared_ptr<wxWeakRef<wxWindow>>(ref)] {});
}

}  // namespace

WindowRef::WindowRef(wxWindow& window)
    : ref_(new wxWeakRef<wxWindow>(&window), &destroyOnUiThread) {}

}  // namespace sanad::ui
