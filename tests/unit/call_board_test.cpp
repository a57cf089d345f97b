// CallBoard (issue 15): the waiting room's last calls, newest first, a recall on top, a queue
// filter; callOf: which change of a ticket is a call.
#include "sanad/core/call_board.h"

#include <gtest/gtest.h>

namespace sanad::core {
namespace {

using namespace std::chrono_literals;

const Timestamp kNine = Timestamp(std::chrono::milliseconds(1'780'000'000'000));

DisplayCall call(const std::string& id, Timestamp at, const std::string& queue = "general") {
    return DisplayCall{id, "A" + id, queue, "Allgemein", std::string("2"), Priority::Normal, at};
}

std::vector<std::string> ids(const CallBoard& board) {
    std::vector<std::string> out;
    for (const DisplayCall& c : board.calls()) {
        out.push_back(c.ticketId);
    }
    return out;
}

TEST(CallBoard, KeepsTheLastFiveNewestFirst) {
    CallBoard board;
    EXPECT_FALSE(board.current());
    for (int i = 1; i <= 7; ++i) {
        EXPECT_TRUE(board.add(call(std::to_string(i), kNine + i * 1min)));
    }
    EXPECT_EQ(ids(board), (std::vector<std::string>{"7", "6", "5", "4", "3"}));
    EXPECT_EQ(board.current()->ticketId, "7");
}

TEST(CallBoard, ARecallMovesItsTicketToTheTopOnce) {
    CallBoard board;
    board.add(call("1", kNine));
    board.add(call("2", kNine + 1min));
    board.add(call("3", kNine + 2min));
    EXPECT_TRUE(board.add(call("1", kNine + 3min)));
    EXPECT_EQ(ids(board), (std::vector<std::string>{"1", "3", "2"}));
    EXPECT_EQ(board.current()->calledAt, kNine + 3min);
}

TEST(CallBoard, TheSameCallOrAnOlderOneOfTheTicketChangesNothing) {
    CallBoard board;
    board.add(call("1", kNine + 5min));
    EXPECT_FALSE(board.add(call("1", kNine + 5min)));
    EXPECT_FALSE(board.add(call("1", kNine + 1min)));
    EXPECT_EQ(board.calls().size(), 1u);
}

TEST(CallBoard, ALateCallTakesItsPlaceInTimeAndOneOlderThanAllShownIsLeftOut) {
    CallBoard board;
    for (int i = 1; i <= 5; ++i) {
        board.add(call(std::to_string(i), kNine + i * 2min));
    }
    EXPECT_TRUE(board.add(call("x", kNine + 5min)));  // between 2 (4 min) and 3 (6 min)
    EXPECT_EQ(ids(board), (std::vector<std::string>{"5", "4", "3", "x", "2"}));
    EXPECT_FALSE(board.add(call("old", kNine)));
    EXPECT_EQ(board.calls().size(), 5u);
}

TEST(CallBoard, AQueueFilterLeavesOtherQueuesOut) {
    CallBoard board(parseQueueList("general"));
    EXPECT_FALSE(board.add(call("1", kNine, "lab")));
    EXPECT_TRUE(board.add(call("2", kNine, "general")));
    board.setQueues({});
    EXPECT_TRUE(board.add(call("3", kNine + 1min, "lab")));
    board.setQueues({"lab"});
    EXPECT_EQ(ids(board), (std::vector<std::string>{"3"}));
}

TEST(CallBoard, ParsesQueueLists) {
    EXPECT_TRUE(parseQueueList("").empty());
    EXPECT_TRUE(parseQueueList(" , ").empty());
    EXPECT_EQ(parseQueueList(" general, lab ,x"), (std::set<std::string>{"general", "lab", "x"}));
}

TEST(CallOf, ACallIsAChangeToCalledOrANewCalledAt) {
    Ticket waiting;
    waiting.id = "t";
    waiting.number = "A017";
    waiting.queueId = "general";
    waiting.patient = "Erika Mustermann";
    waiting.note = "Rollstuhl";
    Ticket called = waiting;
    called.status = TicketStatus::Called;
    called.calledAt = kNine;
    called.room = "2";
    called.priority = Priority::Urgent;

    const auto c = callOf(waiting, called, "Allgemein");
    ASSERT_TRUE(c);
    EXPECT_EQ(*c, (DisplayCall{"t", "A017", "general", "Allgemein", std::string("2"),
                               Priority::Urgent, kNine}));
    EXPECT_TRUE(callOf(std::nullopt, called, "Allgemein")) << "first seen as called";
    EXPECT_FALSE(callOf(called, called, "Allgemein")) << "the same call";
    Ticket recalled = called;
    recalled.calledAt = kNine + 1min;
    EXPECT_TRUE(callOf(called, recalled, "Allgemein"));
    Ticket treated = called;
    treated.status = TicketStatus::InProgress;
    EXPECT_FALSE(callOf(called, treated, "Allgemein"));
    EXPECT_TRUE(callOf(treated, called, "Allgemein"))
        << "a stale feed frame: callOf says call; the core's once-per-call memory drops it";
}

}  // namespace
}  // namespace sanad::core
