// Calls for the waiting room (issue 15): ConsoleListener::callMade for this desk's calls (online
// and offline, at once), for another desk's calls seen in the feed, the catch-up or a refresh,
// and never twice for one call (ticket and called_at), even when it comes back from the server.
#include "console_rules_fixture.h"

#include <algorithm>

namespace sanad::test {
namespace {

using namespace std::chrono_literals;
using core::Delivery;
using core::TicketStatus;

class CallRecorder : public core::ConsoleListener {
public:
    void callMade(const core::DisplayCall& call) override { calls.push_back(call); }
    std::size_t of(const std::string& ticketId) const {
        return static_cast<std::size_t>(
            std::count_if(calls.begin(), calls.end(),
                          [&](const core::DisplayCall& c) { return c.ticketId == ticketId; }));
    }
    std::vector<core::DisplayCall> calls;
};

class Calls : public ConsoleRules {
protected:
    std::unique_ptr<core::ConsoleCore> openWith(const std::string& name, CallRecorder& listener) {
        auto desk = std::make_unique<core::ConsoleCore>(this->desk(name, server.addDevice(name)),
                                                        &listener);
        EXPECT_TRUE(desk->sync().reachable);
        return desk;
    }
    /// A waiting ticket of `desk`, checked in now.
    std::string checkedIn(core::ConsoleCore& desk, int n) {
        const auto tap = desk.checkIn(card(n));
        EXPECT_TRUE(tap.ticket);
        return tap.ticket ? tap.ticket->id : "";
    }
    /// The server's change feed since `since`, as the live feed hands it to a desk.
    std::vector<core::Change> feedSince(std::int64_t since) {
        if (observerToken.empty()) {
            observerToken = server.addDevice("observer");
        }
        server::ApiRequest request;
        request.method = "GET";
        request.uri = "/api/changes?since=" + std::to_string(since);
        request.authorization = "Bearer " + observerToken;
        return core::codec::decodeChangesResponse(server.api().handle(request).body).changes;
    }
};

TEST_F(Calls, ACallOnlineIsReportedOnceWithNumberRoomAndQueue) {
    CallRecorder heard;
    auto desk = openWith("Empfang 1", heard);
    const std::string id = checkedIn(*desk, 1);
    const auto r = desk->transition(id, TicketStatus::Called);
    ASSERT_EQ(r.delivery, Delivery::Synced);
    ASSERT_EQ(heard.of(id), 1u);
    const core::DisplayCall& call = heard.calls.back();
    EXPECT_EQ(call.number, r.ticket->number);
    EXPECT_EQ(call.room, "Zimmer 2");
    EXPECT_EQ(call.queueId, "general");
    EXPECT_FALSE(call.queueName.empty());
    EXPECT_EQ(call.calledAt, *r.ticket->calledAt);
    EXPECT_EQ(call.priority, core::Priority::Normal);

    // Its own call comes back: in the feed, the catch-up and the next refresh.
    for (const core::Change& change : feedSince(0)) {
        desk->applyChange(change);
    }
    EXPECT_TRUE(desk->catchUp());
    EXPECT_TRUE(desk->sync().reachable);
    EXPECT_EQ(heard.of(id), 1u) << "one call, one report";
}

TEST_F(Calls, ACallOfflineIsReportedAtOnceAndNotAgainWhenItIsDelivered) {
    CallRecorder heard;
    auto desk = openWith("Empfang 1", heard);
    const std::string id = checkedIn(*desk, 2);
    server.setMode(Mode::Down);
    const int handled = server.handled();
    const auto r = desk->transition(id, TicketStatus::Called);
    ASSERT_EQ(r.delivery, Delivery::Queued);
    EXPECT_EQ(heard.of(id), 1u) << "offline, the display hears of the call at once";
    EXPECT_EQ(server.handled(), handled);

    server.setMode(Mode::Pass);
    EXPECT_EQ(desk->sync().counts.pending, 0);
    EXPECT_EQ(onServerById(id)->status, TicketStatus::Called);
    EXPECT_TRUE(desk->catchUp());
    EXPECT_EQ(heard.of(id), 1u) << "the delivered call is the same call";
}

TEST_F(Calls, ARecallIsANewCallAndAStartOfTreatmentIsNone) {
    CallRecorder heard;
    auto desk = openWith("Empfang 1", heard);
    const std::string id = checkedIn(*desk, 3);
    ASSERT_EQ(desk->transition(id, TicketStatus::Called).delivery, Delivery::Synced);
    clock.advance(30s);
    server.setMode(Mode::Down);  // a recall offline too
    ASSERT_EQ(desk->transition(id, TicketStatus::Called).delivery, Delivery::Queued);
    ASSERT_EQ(heard.of(id), 2u);
    EXPECT_EQ(heard.calls.back().calledAt - heard.calls.front().calledAt, 30s);
    server.setMode(Mode::Pass);
    desk->sync();
    ASSERT_EQ(desk->transition(id, TicketStatus::InProgress).delivery, Delivery::Synced);
    EXPECT_TRUE(desk->catchUp());
    // Late frames of the feed again (a reconnect replays them): the ticket passes through its
    // called versions once more; they are calls already reported.
    for (const core::Change& change : feedSince(0)) {
        desk->applyChange(change);
    }
    EXPECT_EQ(heard.of(id), 2u);
}

TEST_F(Calls, AnotherDesksCallIsReportedFromTheFeedOnceAndAlsoFromCatchUpOrRefresh) {
    CallRecorder first, second, third;
    auto desk1 = openWith("Empfang 1", first);
    auto desk2 = openWith("Empfang 2", second);
    auto desk3 = openWith("Empfang 3", third);
    const std::int64_t seq = std::stoll(desk2->store().meta("seq").value_or("0"));
    const std::string id = checkedIn(*desk1, 4);
    ASSERT_EQ(desk1->transition(id, TicketStatus::Called).delivery, Delivery::Synced);
    EXPECT_EQ(second.of(id), 0u);

    const auto feed = feedSince(seq);
    ASSERT_FALSE(feed.empty());
    for (const core::Change& change : feed) {
        desk2->applyChange(change);
    }
    ASSERT_EQ(second.of(id), 1u) << "the live feed's change";
    EXPECT_EQ(second.calls.back().room, "Zimmer 2");
    for (const core::Change& change : feed) {
        desk2->applyChange(change);  // the same frame again (a reconnect)
    }
    EXPECT_TRUE(desk2->catchUp());
    EXPECT_TRUE(desk2->sync().reachable);
    EXPECT_EQ(second.of(id), 1u) << "no second report of the same call";

    EXPECT_TRUE(desk3->catchUp());
    EXPECT_EQ(third.of(id), 1u) << "the catch-up's change";

    // A recall at desk 1, seen by desk 3's refresh (its feed missed it).
    clock.advance(20s);
    ASSERT_EQ(desk1->transition(id, TicketStatus::Called).delivery, Delivery::Synced);
    EXPECT_TRUE(desk3->sync().reachable);
    EXPECT_EQ(third.of(id), 2u) << "the refresh saw the recall";
}

TEST_F(Calls, AReportedCallIsOnDiskAndTheListenerHearsItOutsideTheTransaction) {
    // The listener reads the store from inside callMade: a report under the open transaction
    // would still see it, so read it from a second connection, which sees committed rows only.
    class Checker : public CallRecorder {
    public:
        explicit Checker(std::string dir) : dir_(std::move(dir)) {}
        void callMade(const core::DisplayCall& call) override {
            core::ConsoleStore other(dir_);
            const auto t = other.ticket(call.ticketId);
            committed = t && t->ticket.status == TicketStatus::Called;
            CallRecorder::callMade(call);
        }
        bool committed = false;

    private:
        std::string dir_;
    } heard(dir.path() + "/Empfang 1");
    core::ConsoleCore desk1(desk("Empfang 1", server.addDevice("Empfang 1")), &heard);
    ASSERT_TRUE(desk1.sync().reachable);
    const std::string id = checkedIn(desk1, 5);
    server.setMode(Mode::Down);
    desk1.transition(id, TicketStatus::Called);
    ASSERT_EQ(heard.of(id), 1u);
    EXPECT_TRUE(heard.committed);
}

}  // namespace
}  // namespace sanad::test
