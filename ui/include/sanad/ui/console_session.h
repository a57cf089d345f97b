#pragma once

#include "sanad/core/card_reader.h"
#include "sanad/core/gdt_watcher.h"
#include "sanad/core/sync_engine.h"
#include "sanad/ui/console_config.h"
#include "sanad/ui/then_on_window.h"
#include "sanad/ui/ui_bridge.h"
#include "sanad/ui/waiting_room.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace sanad::ui {

/// How the console window runs.
struct ConsoleOptions {
    ConsoleConfig config;
    std::string configPath;  // where the settings dialog saves ("" = not saved)
    bool demo = false;       // offers "Simulate card" (Ctrl+T)
    bool pcscReader = true;  // watch the PC/SC card readers
    core::SyncEngine::Options engine;
    std::vector<core::Bytes> simulatedCards;  // Ctrl+T taps these in turn, then unknown cards
    int checkInShownMs = 8000;
    std::optional<core::RetryPolicy> retry;  // else core's default (5 attempts, ×2, 1 s, 5 min)
    VoiceFactory voice;  // the waiting room's voice; empty: the machine's (tests record)
};

/// One connection of the console: the SyncEngine, the UiBridge its reports go through, the card
/// readers (PC/SC, and the simulated one in demo mode), and their orderly shutdown. Stopping
/// stops the readers at once, detaches the bridge (whatever the old engine still reports is
/// dropped), and stops the engine on a thread of its own, since that may wait for a request in
/// hand; the bridge stays here until that thread is done and is destroyed on the UI thread.
/// Thread-safety: UI thread only.
class ConsoleSession {
public:
    /// The core's reports reach `sink` on the UI thread.
    explicit ConsoleSession(UiSink& sink);
    /// Stops the engine and waits for every engine still stopping (up to a request's timeout).
    ~ConsoleSession();
    ConsoleSession(const ConsoleSession&) = delete;
    ConsoleSession& operator=(const ConsoleSession&) = delete;

    /// Starts an engine (and readers) for `options`, after stopping the running one. A PC/SC
    /// reader that cannot start is reported to the sink as a reader error.
    void start(const ConsoleOptions& options);
    /// Stops without waiting (see above). Nothing to do when stopped.
    void stop();

    /// The running engine; null when stopped.
    core::SyncEngine* engine() const { return engine_.get(); }
    /// Whether there is a simulated reader (demo mode).
    bool canSimulate() const { return simulated_ != nullptr; }
    /// A tap of `uid` on the simulated reader: the path of a real reader's tap.
    void simulateTap(const core::Bytes& uid);
    /// A tap of the next of the options' simulated cards, then of cards nobody registered.
    void simulateNextTap();

    /// thenOnWindow (then_on_window.h) for work of the running engine: its result reaches
    /// `onUi` on the UI thread unless the window is gone or the session has started another
    /// engine since (an earlier engine's answers are dropped, its failures only logged).
    template <typename T>
    core::Done<T> then(wxWindow& window, std::function<void(core::Completion<T>)> onUi) {
        return thenOnWindow<T>(window, [current = generation_, mine = *generation_,
                                        onUi = std::move(onUi)](core::Completion<T> result) {
            if (*current == mine) {
                onUi(std::move(result));
            } else if (!result.ok()) {
                dropped(result.error());
            }
        });
    }
    /// The same with the value and the failure apart.
    template <typename T>
    core::Done<T> then(wxWindow& window, std::function<void(T)> onValue,
                       std::function<void(const std::string&)> onFailure) {
        return then<T>(window, [onValue = std::move(onValue),
                                onFailure = std::move(onFailure)](core::Completion<T> result) {
            if (!result.ok()) {
                onFailure(result.error());
            } else if (onValue) {
                onValue(std::move(result.value()));
            }
        });
    }
    /// Engines of earlier starts whose threads have not been joined yet.
    std::size_t stopping() const { return stopping_.size(); }

    /// The engine's settings: the connection, data folder, queue and retry policy (no room:
    /// the window passes it with each call, so a new room needs no restart).
    static core::ConsoleSettings settingsOf(const ConsoleOptions& options);

private:
    struct Stopping {
        std::thread thread;                // stops and destroys the engine
        std::unique_ptr<UiBridge> bridge;  // the engine's listener: kept until it is gone
        std::shared_ptr<std::atomic<bool>> finished;
    };
    /// Joins the stopping threads that are done (all of them when `all`); their bridges go.
    void reap(bool all);
    /// Logs the failure of an earlier engine's work.
    static void dropped(const std::string& error);

    UiSink& sink_;
    std::unique_ptr<UiBridge> bridge_;
    std::unique_ptr<core::SyncEngine> engine_;
    std::unique_ptr<core::CardReader> reader_;
    std::unique_ptr<core::GdtWatcher> gdt_;  // the PVS exchange folder, when one is set
    std::unique_ptr<core::CardReaderListener> simulatedListener_;
    std::unique_ptr<core::SimulatedCardReader> simulated_;
    std::vector<Stopping> stopping_;
    // Counts the engines started; read on the UI thread only (shared with the callbacks).
    std::shared_ptr<std::size_t> generation_ = std::make_shared<std::size_t>(0);
    std::vector<core::Bytes> simulatedCards_;
    std::size_t simulatedTaps_ = 0;  // over all starts: the demo goes on with the next card
};

}  // namespace sanad::ui
