#include "sanad/ui/future_pump.h"

#include <exception>

namespace sanad::ui {

namespace {
constexpr int kPollMs = 30;
}

FuturePump::FuturePump(std::function<void(const std::string&)> onError)
    : onError_(std::move(onError)), timer_(this) {
    Bind(wxEVT_TIMER, &FuturePump::onTimer, this, timer_.GetId());
}

FuturePump::~FuturePump() {
    timer_.Stop();
}

void FuturePump::then(std::future<void> future, std::function<void()> done) {
    auto f = std::make_shared<std::future<void>>(std::move(future));
    add([f, done = std::move(done)]() {
        if (f->wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            return false;
        }
        f->get();
        if (done) {
            done();
        }
        return true;
    });
}

void FuturePump::add(std::function<bool()> poll) {
    polls_.push_back(std::move(poll));
    if (!timer_.IsRunning()) {
        timer_.Start(kPollMs);
    }
}

void FuturePump::onTimer(wxTimerEvent&) {
    // Callbacks may add polls: work on the current set and keep what is not yet ready.
    std::vector<std::function<bool()>> current;
    current.swap(polls_);
    std::vector<std::function<bool()>> waiting;
    for (auto& poll : current) {
        bool finished = true;
        try {
            finished = poll();
        } catch (const std::exception& e) {
            if (onError_) {
                onError_(e.what());
            }
        }
        if (!finished) {
            waiting.push_back(std::move(poll));
        }
    }
    waiting.insert(waiting.end(), std::make_move_iterator(polls_.begin()),
                   std::make_move_iterator(polls_.end()));
    polls_.swap(waiting);
    if (polls_.empty()) {
        timer_.Stop();
    }
}

}  // namespace sanad::ui
