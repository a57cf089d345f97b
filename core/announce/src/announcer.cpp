#include "sanad/core/announcer.h"

#include <Poco/Logger.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace sanad::core {

namespace {

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.announce");
}

}  // namespace

struct Announcer::State {
    std::unique_ptr<Voice> voice;
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Announcement> queue;  // guarded by mutex
    bool stopping = false;           // guarded by mutex
    std::thread thread;              // last: starts once the rest is there

    bool stopped() {
        const std::lock_guard lock(mutex);
        return stopping;
    }

    // Runs one part of an announcement; the voice's failure is logged (without the words: a
    // number is no secret, but the log has no need of it) and the next part goes on.
    template <typename Part>
    void play(const char* what, Part part) {
        try {
            part();
        } catch (const std::exception& e) {
            logger().error("the %s failed: %s", std::string(what), std::string(e.what()));
        } catch (...) {
            logger().error("the %s failed", std::string(what));
        }
    }

    void run() {
        for (;;) {
            Announcement next;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [this] { return stopping || !queue.empty(); });
                if (stopping) {
                    return;
                }
                next = std::move(queue.front());
                queue.pop_front();
            }
            play("chime", [&] { voice->chime(); });
            if (next.speak && !stopped()) {
                const std::string text = spokenText(next);
                play("speech", [&] { voice->speak(text, next.language); });
            }
        }
    }
};

Announcer::Announcer(std::unique_ptr<Voice> voice) : state_(std::make_unique<State>()) {
    if (!voice) {
        throw std::invalid_argument("Announcer needs a voice");
    }
    state_->voice = std::move(voice);
    state_->thread = std::thread([state = state_.get()] { state->run(); });
}

Announcer::~Announcer() {
    {
        const std::lock_guard lock(state_->mutex);
        state_->stopping = true;
        state_->queue.clear();
    }
    state_->wake.notify_all();
    try {
        state_->voice->interrupt();  // outside the lock: the voice may take its own
    } catch (...) {
        // The current sound then plays to its end; the thread stops after it all the same.
    }
    state_->thread.join();
}

void Announcer::announce(Announcement announcement) {
    {
        const std::lock_guard lock(state_->mutex);
        state_->queue.push_back(std::move(announcement));
    }
    state_->wake.notify_one();
}

}  // namespace sanad::core
