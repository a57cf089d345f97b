#include "sanad/ui/console_session.h"
#include "sanad/ui/translate.h"

#include "sanad/core/crypto.h"
#include "sanad/ui/texts.h"

#include <Poco/Logger.h>

namespace sanad::ui {

namespace {

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.ui");
}

/// The simulated reader's taps go the way of a real reader's; its own state is not reported
/// (the status bar shows the real readers).
class TapOnly : public core::CardReaderListener {
public:
    explicit TapOnly(core::CardReaderListener* to) : to_(to) {}
    void cardTapped(const std::string& reader, const std::string& cardRef) override {
        to_->cardTapped(reader, cardRef);
    }

private:
    core::CardReaderListener* to_;
};

}  // namespace

ConsoleSession::ConsoleSession(UiSink& sink) : sink_(sink) {}

ConsoleSession::~ConsoleSession() {
    stop();
    reap(/*all=*/true);
}

core::ConsoleSettings ConsoleSession::settingsOf(const ConsoleOptions& options) {
    const ConsoleConfig& c = options.config;
    core::ConsoleSettings s;
    if (options.retry) {
        s.retry = *options.retry;
    }
    s.client.serverUrl = c.serverUrl;
    s.client.token = c.token;
    s.client.caFile = c.caFile;
    s.dataDir = c.dataDir;
    s.queueId = c.queueId;
    return s;
}

void ConsoleSession::start(const ConsoleOptions& options) {
    stop();
    ++*generation_;
    simulatedCards_ = options.simulatedCards;
    bridge_ = std::make_unique<UiBridge>(sink_);
    engine_ =
        std::make_unique<core::SyncEngine>(settingsOf(options), bridge_.get(), options.engine);
    engine_->start();
    if (options.pcscReader) {
        try {
            reader_ = core::makePcscCardReader(engine_->cardRefMaker(), bridge_.get());
            reader_->start();
        } catch (const std::exception& e) {
            logger().error("card reader not started: %s", std::string(e.what()));
            reader_.reset();
            sink_.onReaderState({core::ReaderStatus::Error, "", e.what()});
        }
    }
    if (!options.config.gdtFolder.empty()) {
        gdt_ = std::make_unique<core::GdtWatcher>(options.config.gdtFolder, bridge_.get());
        gdt_->start();
    }
    if (options.demo) {
        simulatedListener_ = std::make_unique<TapOnly>(bridge_.get());
        simulated_ = std::make_unique<core::SimulatedCardReader>(
            engine_->cardRefMaker(), simulatedListener_.get(), toUtf8(_("Simulated reader")));
        simulated_->start();
    }
}

void ConsoleSession::stop() {
    if (gdt_) {
        gdt_->stop();  // prompt; no import is reported after it returns
        gdt_.reset();
    }
    if (reader_) {
        reader_->stop();  // prompt: its thread stops within a second
        reader_.reset();
    }
    if (simulated_) {
        simulated_->stop();  // taps on the calling thread: none after this
        simulated_.reset();
    }
    simulatedListener_.reset();
    if (!engine_) {
        return;
    }
    bridge_->detach();  // whatever the old engine still reports is dropped
    reap(/*all=*/false);
    // Stopping may wait for a request in hand (up to its timeout): never on the UI thread. The
    // thread gets the engine only; the bridge (UI thread only, bug 3 of issue 13) waits here.
    auto finished = std::make_shared<std::atomic<bool>>(false);
    std::thread thread([engine = std::move(engine_), finished]() mutable {
        try {
            engine->stop();
            engine.reset();
        } catch (const std::exception& e) {
            logger().error("stopping the sync engine: %s", std::string(e.what()));
        }
        finished->store(true);
    });
    stopping_.push_back({std::move(thread), std::move(bridge_), std::move(finished)});
}

void ConsoleSession::simulateTap(const core::Bytes& uid) {
    if (simulated_) {
        simulated_->tap(uid);
    }
}

void ConsoleSession::simulateNextTap() {
    if (!simulated_) {
        return;
    }
    const core::Bytes uid = simulatedTaps_ < simulatedCards_.size()
                                ? simulatedCards_[simulatedTaps_]
                                : core::randomBytes(7);  // a card nobody registered
    ++simulatedTaps_;
    simulateTap(uid);
}

void ConsoleSession::dropped(const std::string& error) {
    logger().information("an earlier engine's work: %s", error);
}

void ConsoleSession::reap(bool all) {
    for (auto it = stopping_.begin(); it != stopping_.end();) {
        if (all || it->finished->load()) {
            if (it->thread.joinable()) {
                it->thread.join();
            }
            it = stopping_.erase(it);  // the bridge goes here, on the UI thread
        } else {
            ++it;
        }
    }
}

}  // namespace sanad::ui
