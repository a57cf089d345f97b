#include "page_feed.h"

#include "public_view.h"
#include "repository.h"
#include "responses.h"
#include "sanad/core/codec.h"
#include "sanad/core/crypto.h"
#include "sanad/server/api.h"
#include "sanad/server/database.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>

#include <unordered_map>

#ifdef __linux__
#include <pthread.h>
#endif

namespace sanad::server {
namespace {

// How often the tokens not known yet are looked up again beside every committed change: an
// alias (a check-in answered `existing`) commits no change of its own.
constexpr std::chrono::seconds kUnknownRecheck{1};

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.pages");
}

/// The token of a display's first frame `{"type":"auth","token":"…"}`, or none.
std::optional<std::string> authToken(const std::string& text) {
    try {
        Poco::JSON::Parser parser;
        const auto o = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
        if (o && o->optValue<std::string>("type", "") == "auth") {
            const std::string token = o->optValue<std::string>("token", "");
            if (!token.empty()) {
                return token;
            }
        }
    } catch (const Poco::Exception&) {
        // not JSON, or not an object: no token
    } catch (const std::exception&) {
        // the same (Poco's Var casts)
    }
    return std::nullopt;
}

}  // namespace

PageFeed::PageFeed(const Database& database) : database_(database) {
    callSeq_ = repo::latestCallSeq(*database_.readSession());
    thread_ = std::thread([this] {
#ifdef __linux__
        pthread_setname_np(pthread_self(), "sanad-pages");
#endif
        loop();
    });
}

PageFeed::~PageFeed() {
    stop();
}

void PageFeed::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void PageFeed::publish(const std::vector<core::Change>& changes) {
    {
        std::lock_guard lock(mutex_);
        changes_.insert(changes_.end(), changes.begin(), changes.end());
    }
    wake_.notify_one();
}

void PageFeed::run(std::function<void()> task) {
    {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
}

std::shared_ptr<PageFeed::Client> PageFeed::subscribePage(const std::string& token,
                                                          std::function<void()> wake) {
    auto client = std::make_shared<Client>(std::move(wake));
    run([this, client, token] { startPage(client, token); });
    return client;
}

std::shared_ptr<PageFeed::Client> PageFeed::subscribeDisplay(const std::string& authorization,
                                                             std::function<void()> wake) {
    auto client = std::make_shared<Client>(std::move(wake));
    run([this, client, authorization] {
        Display& display = displays_[client.get()];
        display.client = client;
        display.deadline = Clock::now() + kAuthWait;
        if (!authorization.empty()) {
            admitDisplay(client, authorization);
        }
    });
    return client;
}

std::optional<ApiResponse> PageFeed::refusePage(const std::string& token) const {
    if (!core::isStatusToken(token)) {
        return reply::noStatusPage();
    }
    repo::PublicTicket found;
    {
        auto session = database_.readSession();
        found = repo::publicTicket(*session, token, core::localDay(core::now()));
    }
    if (found.state == repo::PublicTicket::State::Expired) {
        return reply::expiredTicket();
    }
    return std::nullopt;
}

void PageFeed::displayText(const std::shared_ptr<Client>& client, std::string text) {
    run([this, client, text = std::move(text)] {
        const auto it = displays_.find(client.get());
        if (it == displays_.end() || it->second.admitted) {
            return;  // a frame after the token means nothing
        }
        const std::optional<std::string> token = authToken(text);
        admitDisplay(client, token ? "Bearer " + *token : std::string());
    });
}

void PageFeed::unsubscribe(const std::shared_ptr<Client>& client) {
    run([this, client] {
        const Client* key = client.get();
        if (const auto it = pages_.find(key); it != pages_.end()) {
            unwatch(key, it->second.queueId);
            unknown_.erase(key);
            pages_.erase(it);
        }
        displays_.erase(key);
    });
}

void PageFeed::loop() {
    for (;;) {
        std::vector<std::function<void()>> tasks;
        std::vector<core::Change> changes;
        {
            std::unique_lock lock(mutex_);
            Clock::time_point until = Clock::now() + std::chrono::seconds(60);
            for (const auto& [key, display] : displays_) {
                if (!display.admitted) {
                    until = std::min(until, display.deadline);
                }
            }
            if (!unknown_.empty()) {
                until = std::min(until, nextUnknownCheck_);
            }
            wake_.wait_until(lock, until,
                             [this] { return stopping_ || !tasks_.empty() || !changes_.empty(); });
            if (stopping_) {
                return;
            }
            tasks.swap(tasks_);
            changes.swap(changes_);
        }
        try {
            for (auto& task : tasks) {
                task();
            }
            if (!changes.empty()) {
                onChanges(changes);
            }
            const Clock::time_point now = Clock::now();
            if (!unknown_.empty() && now >= nextUnknownCheck_) {
                resolveUnknown();
            }
            closeLateDisplays(now);
        } catch (const std::exception& e) {
            // The database failed: the pages keep what they have and catch up on the next change.
            logger().error("the pages' feed could not read the database: %s",
                           std::string(e.what()));
        }
    }
}

void PageFeed::unwatch(const Client* key, const std::string& queueId) {
    const auto q = byQueue_.find(queueId);
    if (q == byQueue_.end()) {
        return;
    }
    q->second.erase(key);
    if (q->second.empty()) {
        byQueue_.erase(q);
        members_.erase(queueId);  // nobody watches it: its line is read again when one does
    }
}

void PageFeed::watch(Page& page, const std::string& queueId) {
    const Client* key = page.client.get();
    if (page.queueId != queueId) {
        unwatch(key, page.queueId);
    }
    page.queueId = queueId;
    std::set<const Client*>& watchers = byQueue_[queueId];
    if (watchers.empty()) {
        // A queue newly watched: who is in its line now (to notice a ticket leaving it later).
        std::set<std::string>& ids = members_[queueId];
        auto session = database_.readSession();
        for (const core::Ticket& t :
             repo::ticketsOfQueue(*session, queueId, core::localDay(core::now()), true)) {
            ids.insert(t.id);
        }
    }
    watchers.insert(key);
}

void PageFeed::startPage(const std::shared_ptr<Client>& client, const std::string& token) {
    Page& page = pages_[client.get()];
    page.client = client;
    page.token = token;
    repo::PublicTicket found;
    {
        auto session = database_.readSession();
        Transaction read = database_.beginRead(*session);
        found = repo::publicTicket(*session, token, core::localDay(core::now()));
        read.commit();
    }
    switch (found.state) {
        case repo::PublicTicket::State::Unknown:
            unknown_.insert(client.get());
            nextUnknownCheck_ = Clock::now() + kUnknownRecheck;
            client->push(view::unknownFrame());
            return;
        case repo::PublicTicket::State::Expired:
            client->close(4404, "this ticket was of another day");
            return;
        case repo::PublicTicket::State::Found:
            break;
    }
    page.ticketId = found.ticket.id;
    page.fields = view::publicFields(found.ticket, found.queueName);
    watch(page, found.ticket.queueId);
    client->push(view::statusFrame(page.fields, core::now()));
}

void PageFeed::resolveUnknown() {
    nextUnknownCheck_ = Clock::now() + kUnknownRecheck;
    std::vector<std::shared_ptr<Client>> waiting;
    for (const Client* key : unknown_) {
        waiting.push_back(pages_.at(key).client);
    }
    for (const auto& client : waiting) {
        std::optional<repo::TokenTarget> target;
        {
            auto session = database_.readSession();
            target = repo::ticketOfStatusToken(*session, pages_.at(client.get()).token);
        }
        if (target) {
            unknown_.erase(client.get());
            startPage(client, pages_.at(client.get()).token);
        }
    }
}

void PageFeed::onChanges(const std::vector<core::Change>& changes) {
    std::set<std::string> queues;
    bool called = false;
    for (const core::Change& change : changes) {
        const core::Ticket& t = change.ticket;
        queues.insert(t.queueId);
        for (const auto& [queueId, ids] : members_) {
            if (ids.contains(t.id)) {
                queues.insert(queueId);  // it may have left that line (a transfer)
            }
        }
        called = called || t.status == core::TicketStatus::Called;
    }
    if (!unknown_.empty()) {
        resolveUnknown();  // a check-in of a token a page waits for
    }
    for (const std::string& queueId : queues) {
        if (byQueue_.contains(queueId)) {
            refreshQueue(queueId);
        }
    }
    if (called) {
        deliverCalls();  // (also with no display: the next one starts after these)
    }
}

void PageFeed::refreshQueue(const std::string& queueId) {
    const std::string today = core::localDay(core::now());
    std::vector<core::Ticket> line;
    std::string queueName = queueId;
    {
        auto session = database_.readSession();
        Transaction read = database_.beginRead(*session);
        line = repo::ticketsOfQueue(*session, queueId, today, true);  // derived members: one pass
        if (const auto queue = repo::findQueue(*session, queueId)) {
            queueName = queue->name;
        }
        read.commit();
    }
    std::unordered_map<std::string, const core::Ticket*> byId;
    std::set<std::string>& ids = members_[queueId];
    ids.clear();
    for (const core::Ticket& t : line) {
        byId.emplace(t.id, &t);
        ids.insert(t.id);
    }
    const core::Timestamp now = core::now();
    std::vector<const Client*> left;  // pages whose ticket is no longer in this line
    for (const Client* key : byQueue_[queueId]) {
        Page& page = pages_.at(key);
        const auto it = byId.find(page.ticketId);
        if (it == byId.end()) {
            left.push_back(key);
            continue;
        }
        std::string fields = view::publicFields(*it->second, queueName);
        if (fields != page.fields) {
            page.fields = std::move(fields);
            page.client->push(view::statusFrame(page.fields, now));
        }
    }
    for (const Client* key : left) {
        // A transfer (or a new day): start over from the token, as a fresh page does, but send
        // only what changed.
        Page& page = pages_.at(key);
        const std::string before = page.fields;
        repo::PublicTicket found;
        {
            auto session = database_.readSession();
            found = repo::publicTicket(*session, page.token, today);
        }
        if (found.state != repo::PublicTicket::State::Found) {
            continue;
        }
        page.fields = view::publicFields(found.ticket, found.queueName);
        watch(page, found.ticket.queueId);
        if (page.fields != before) {
            page.client->push(view::statusFrame(page.fields, now));
        }
    }
}

void PageFeed::admitDisplay(const std::shared_ptr<Client>& client,
                            const std::string& authorization) {
    const auto it = displays_.find(client.get());
    if (it == displays_.end()) {
        return;
    }
    const std::optional<Device> device =
        authorization.empty() ? std::nullopt : authenticateBearer(database_, authorization);
    if (!device) {
        displays_.erase(it);
        client->close(kUnauthorized, "a valid display token is required");
        return;
    }
    Display& display = it->second;
    display.admitted = true;
    display.authorization = authorization;
    display.queues = device->queues;  // a desk's: none, so every queue
    std::vector<repo::CallRow> calls;
    {
        auto session = database_.readSession();
        Transaction read = database_.beginRead(*session);
        display.afterSeq = repo::latestCallSeq(*session);
        calls = repo::lastCalls(*session, core::localDay(core::now()), view::kDisplayCalls,
                                display.queues);
        read.commit();
    }
    client->push(view::callsFrame(calls));
}

void PageFeed::deliverCalls() {
    std::vector<repo::CallRow> calls;
    {
        auto session = database_.readSession();
        calls = repo::callsSince(*session, callSeq_);
    }
    if (calls.empty()) {
        return;
    }
    callSeq_ = calls.back().seq;
    for (auto it = displays_.begin(); it != displays_.end();) {
        const Display& display = it->second;
        if (!display.admitted) {
            ++it;
            continue;
        }
        // A revocation counts at once (displays are few: one read by primary key each).
        if (!authenticateBearer(database_, display.authorization)) {
            display.client->close(kUnauthorized, "the display's device was revoked");
            it = displays_.erase(it);
            continue;
        }
        for (const repo::CallRow& call : calls) {
            if (call.seq > display.afterSeq && repo::showsQueue(display.queues, call.queueId)) {
                display.client->push(view::callFrame(call));
            }
        }
        ++it;
    }
}

void PageFeed::closeLateDisplays(Clock::time_point now) {
    for (auto it = displays_.begin(); it != displays_.end();) {
        if (!it->second.admitted && now >= it->second.deadline) {
            it->second.client->close(kUnauthorized, "no display token within 10 s");
            it = displays_.erase(it);
        } else {
            ++it;
        }
    }
}

}  // namespace sanad::server
