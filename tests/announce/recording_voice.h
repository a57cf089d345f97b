#pragma once

#include "sanad/core/announcer.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace sanad::test {

/// What a RecordingVoice heard, shared with the test (the voice itself belongs to the announcer).
struct VoiceLog {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::string> events;  // "chime", "speak de: Nummer A 1, bitte"
    int playing = 0;                  // sounds being played right now
    bool overlapped = false;          // a sound started while another played
    bool interrupted = false;
    bool holdChime = false;  // chime() blocks until interrupt() or release()
    bool chimeHeld = false;  // a chime is blocked in there now
    int failChimes = 0;      // the next N chimes throw

    void record(std::string event) {
        {
            const std::lock_guard lock(mutex);
            events.push_back(std::move(event));
        }
        changed.notify_all();
    }
    /// Waits (an observable event, with a generous limit for a stuck test) until `n` events are in.
    bool waitForEvents(std::size_t n) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(20), [&] { return events.size() >= n; });
    }
    bool waitUntilChimeHeld() {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(20), [&] { return chimeHeld; });
    }
    std::vector<std::string> snapshot() {
        const std::lock_guard lock(mutex);
        return events;
    }
};

/// A Voice that records what it was asked to play and checks that no two sounds overlap: each
/// sound takes a while (the thread yields many times) so that a second thread would be caught.
class RecordingVoice : public core::Voice {
public:
    explicit RecordingVoice(std::shared_ptr<VoiceLog> log) : log_(std::move(log)) {}

    void chime() override {
        begin();
        {
            std::unique_lock lock(log_->mutex);
            if (log_->failChimes > 0) {
                --log_->failChimes;
                lock.unlock();
                end();
                throw std::runtime_error("the fake speaker broke");
            }
            if (log_->holdChime) {
                log_->chimeHeld = true;
                log_->changed.notify_all();
                log_->changed.wait(lock, [&] { return !log_->holdChime; });
                log_->chimeHeld = false;
            }
        }
        log_->record("chime");
        end();
    }

    void speak(const std::string& text, const std::string& language) override {
        begin();
        log_->record("speak " + language + ": " + text);
        end();
    }

    void interrupt() override {
        {
            const std::lock_guard lock(log_->mutex);
            log_->interrupted = true;
            log_->holdChime = false;
        }
        log_->changed.notify_all();
    }

private:
    void begin() {
        {
            const std::lock_guard lock(log_->mutex);
            if (log_->playing++ > 0) {
                log_->overlapped = true;
            }
        }
        for (int i = 0; i < 2000; ++i) {
            std::this_thread::yield();  // "plays" for a while, lock released
        }
    }
    void end() {
        const std::lock_guard lock(log_->mutex);
        --log_->playing;
    }

    std::shared_ptr<VoiceLog> log_;
};

/// Collects what is logged to one Poco logger while it lives (then puts the old channel back).
class LogCapture {
public:
    explicit LogCapture(const std::string& name)
        : logger_(Poco::Logger::get(name)), old_(logger_.getChannel()), level_(logger_.getLevel()) {
        channel_ = new Capture;
        logger_.setChannel(channel_);
        logger_.setLevel(Poco::Message::PRIO_INFORMATION);
    }
    ~LogCapture() {
        logger_.setChannel(old_);
        logger_.setLevel(level_);
    }
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;
    std::vector<std::string> lines() {
        const std::lock_guard lock(channel_->mutex);
        return channel_->lines;
    }

private:
    struct Capture : Poco::Channel {
        std::mutex mutex;
        std::vector<std::string> lines;
        void log(const Poco::Message& message) override {
            const std::lock_guard lock(mutex);
            lines.push_back(message.getText());
        }
    };
    Poco::Logger& logger_;
    Poco::AutoPtr<Poco::Channel> old_;
    int level_;
    Poco::AutoPtr<Capture> channel_;
};

}  // namespace sanad::test
