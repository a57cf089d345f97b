#pragma once

#include <wx/event.h>
#include <wx/timer.h>

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

namespace sanad::ui {

/// Brings the results of SyncEngine futures back to the UI thread without ever waiting on them:
/// a timer (every 30 ms while something is pending) checks each future and calls its callback
/// once it is ready. A future that ends in an exception calls `onError` with its text instead.
/// Callbacks run on the UI thread and may queue new work. Destroying the pump drops every
/// callback not yet called (results for a closed window are dropped).
/// Thread-safety: UI thread only.
class FuturePump : public wxEvtHandler {
public:
    explicit FuturePump(std::function<void(const std::string&)> onError = {});
    ~FuturePump() override;

    template <typename T>
    void then(std::future<T> future, std::function<void(T)> done) {
        auto f = std::make_shared<std::future<T>>(std::move(future));
        add([f, done = std::move(done)]() {
            if (f->wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
                return false;
            }
            T value = f->get();  // may throw: reported through onError
            if (done) {
                done(std::move(value));
            }
            return true;
        });
    }
    void then(std::future<void> future, std::function<void()> done = {});

    std::size_t pending() const { return polls_.size(); }

private:
    void add(std::function<bool()> poll);
    void onTimer(wxTimerEvent& event);

    std::function<void(const std::string&)> onError_;
    std::vector<std::function<bool()>> polls_;
    wxTimer timer_;
};

}  // namespace sanad::ui
