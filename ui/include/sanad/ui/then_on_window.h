#pragma once

#include "sanad/core/completion.h"

#include <wx/app.h>
#include <wx/weakref.h>
#include <wx/window.h>

#include <functional>
#include <memory>
#include <string>

namespace sanad::ui {

/// A weak reference to a window whose handle may travel through other threads. A wxWeakRef is
/// not thread-safe (it links itself into the window's list of trackers), so the wxWeakRef itself
/// is made, read and destroyed on the UI thread only: when the last copy of the handle goes on
/// another thread, the wxWeakRef is handed back to the UI thread to be destroyed there.
/// Thread-safety: construct and get() on the UI thread; copy and destroy on any thread.
class WindowRef {
public:
    explicit WindowRef(wxWindow& window);
    /// The window, or null once it is destroyed. UI thread only.
    wxWindow* get() const { return ref_->get(); }

private:
    std::shared_ptr<wxWeakRef<wxWindow>> ref_;
};

/// Runs `call` on the UI thread (wxTheApp->CallAfter, so in order with UiBridge's reports) if
/// `window` still exists by then; else drops it. Callable from any thread.
template <typename Call>
void callOnWindow(const WindowRef& window, Call call) {
    if (wxTheApp == nullptr) {
        return;  // the app is gone: so is every window
    }
    wxTheApp->CallAfter([window, call = std::move(call)]() mutable {
        if (window.get() != nullptr) {
            call();
        }
    });
}

/// Poedit's then_on_window: a completion callback for SyncEngine work (core::Done) that hops to
/// the UI thread and there hands the Completion (value or failure) to `onUi`, unless `window` has
/// been destroyed meanwhile (then the result is dropped). Make it on the UI thread; the engine
/// calls it on its own thread. `onUi` is copied and destroyed off the UI thread too: let it capture
/// pointers and values, nothing wx.
template <typename T>
core::Done<T> thenOnWindow(wxWindow& window, std::function<void(core::Completion<T>)> onUi) {
    return [ref = WindowRef(window), onUi = std::move(onUi)](core::Completion<T> result) {
        callOnWindow(ref,
                     [onUi, result = std::move(result)]() mutable { onUi(std::move(result)); });
    };
}

/// The same with the value and the failure apart: `onFailure` gets the reason (English, for the
/// log and the window's error path). Neither is called for a destroyed window.
template <typename T>
core::Done<T> thenOnWindow(wxWindow& window, std::function<void(T)> onValue,
                           std::function<void(const std::string&)> onFailure) {
    return thenOnWindow<T>(window, [onValue = std::move(onValue),
                                    onFailure = std::move(onFailure)](core::Completion<T> result) {
        if (result.ok()) {
            if (onValue) {
                onValue(std::move(result.value()));
            }
        } else if (onFailure) {
            onFailure(result.error());
        }
    });
}

}  // namespace sanad::ui
