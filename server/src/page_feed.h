#pragma once

#include "sanad/server/api.h"
#include "sanad/server/live_hub.h"
#include "sanad/server/writer.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace sanad::server {

class Database;

/// The live side of the patient's page and the waiting-room displays (issue 15). Fed with every
/// committed change of every instance (beside the LiveHub, from the ChangeRelay), it keeps:
/// - pages (`/api/public/live/{token}`): `{"type":"status",…}` at once and whenever the public
///   body changes — its own ticket's change, or a move of the line ahead of it. A committed change
///   of queue Q reads Q's line once and computes every page's body from it (no query per page);
///   a body equal to the last one sent (but for `server_time`) is not sent again. A token not
///   known yet gets `{"type":"unknown"}` and its status once a check-in (or an alias) with it
///   commits;
/// - displays (`/api/display/live`): after a valid token (given at the upgrade or in a first
///   frame `{"type":"auth","token":…}` within 10 s; else close code 4401) the last 5 calls of
///   its queues (`{"type":"calls",…}`), then `{"type":"call",…}` for every call or recall; a
///   display whose device was revoked since is closed with 4401 instead of getting the call.
/// Its own thread does all of that: publish() and the socket hooks only queue work, so neither
/// the relay nor a live service thread ever waits for the database here.
/// Thread-safety: every public method may be called from any thread.
class PageFeed : public ChangeSink {
public:
    using Client = LiveHub::Client;
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::seconds kAuthWait{10};
    static constexpr std::uint16_t kUnauthorized = 4401;

    explicit PageFeed(const Database& database);
    ~PageFeed() override;
    PageFeed(const PageFeed&) = delete;
    PageFeed& operator=(const PageFeed&) = delete;

    void publish(const std::vector<core::Change>& changes) override;

    /// A patient's page of `token` (well-formed): its first frame follows from the feed's thread.
    std::shared_ptr<Client> subscribePage(const std::string& token, std::function<void()> wake);
    /// A display; `authorization` (`Bearer …`) when the upgrade carried the token, else empty:
    /// the token must come in the first frame (authenticate).
    std::shared_ptr<Client> subscribeDisplay(const std::string& authorization,
                                             std::function<void()> wake);
    /// The refusal of a page's upgrade: 404 for a malformed token or one of another day; none
    /// when the page may open (a token not known yet too). Reads the database (the caller's
    /// thread).
    std::optional<ApiResponse> refusePage(const std::string& token) const;
    /// A display's text frame: `{"type":"auth","token":…}` before it is let in; else ignored.
    void displayText(const std::shared_ptr<Client>& client, std::string text);
    void unsubscribe(const std::shared_ptr<Client>& client);

    /// Ends the thread (once; the destructor does it too).
    void stop();

private:
    struct Page {
        std::shared_ptr<Client> client;
        std::string token;
        std::string ticketId;  // empty while unknown
        std::string queueId;
        std::string fields;  // the body last sent, without server_time
    };
    struct Display {
        std::shared_ptr<Client> client;
        bool admitted = false;
        Clock::time_point deadline;
        std::vector<std::string> queues;  // empty: all
        std::int64_t afterSeq = 0;        // calls up to this seq were in its first frame
        std::string authorization;        // checked again before each call it is sent
    };

    void loop();
    void run(std::function<void()> task);  // queues work for the thread
    void startPage(const std::shared_ptr<Client>& client, const std::string& token);
    void admitDisplay(const std::shared_ptr<Client>& client, const std::string& authorization);
    void onChanges(const std::vector<core::Change>& changes);
    void refreshQueue(const std::string& queueId);
    void resolveUnknown();
    void deliverCalls();
    void closeLateDisplays(Clock::time_point now);
    /// The page watches `queueId` (and no longer the queue it watched before).
    void watch(Page& page, const std::string& queueId);
    void unwatch(const Client* key, const std::string& queueId);

    const Database& database_;

    std::mutex mutex_;  // guards tasks_, changes_, stopping_
    std::condition_variable wake_;
    std::vector<std::function<void()>> tasks_;
    std::vector<core::Change> changes_;
    bool stopping_ = false;

    // The feed's thread only.
    std::map<const Client*, Page> pages_;
    std::map<std::string, std::set<const Client*>> byQueue_;  // queue → its pages
    std::map<std::string, std::set<std::string>> members_;    // queue → ticket ids last read
    std::set<const Client*> unknown_;                         // pages of tokens not known yet
    std::map<const Client*, Display> displays_;
    std::int64_t callSeq_ = 0;  // calls up to this seq were delivered
    Clock::time_point nextUnknownCheck_{};

    std::thread thread_;
};

/// A ChangeSink handing every batch to several (the LiveHub, the PageFeed), in order.
class ChangeSinks : public ChangeSink {
public:
    explicit ChangeSinks(std::vector<ChangeSink*> sinks) : sinks_(std::move(sinks)) {}
    void publish(const std::vector<core::Change>& changes) override {
        for (ChangeSink* sink : sinks_) {
            sink->publish(changes);
        }
    }

private:
    std::vector<ChangeSink*> sinks_;
};

}  // namespace sanad::server
