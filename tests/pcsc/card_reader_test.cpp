// The PC/SC monitor against a real pcscd with the vpcd virtual reader and our card emulator.
#include "sanad/core/card_reader.h"
#include "sanad/core/crypto.h"
#include "server_process.h"
#include "virtual_pcsc.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

namespace sanad::test {
namespace {

using namespace std::chrono_literals;
using core::ReaderStatus;

const core::Bytes kKey(32, 0x42);

std::string refOf(const core::Bytes& uid) {
    return core::cardRef(kKey, uid);
}

/// Collects what the reader thread reports, for the test thread to wait on.
class Events : public core::CardReaderListener {
public:
    void readerStateChanged(const core::ReaderState& state) override {
        std::lock_guard lock(mutex_);
        state_ = state;
        changed_.notify_all();
    }
    void readerAdded(const std::string& reader) override {
        std::lock_guard lock(mutex_);
        added_.push_back(reader);
        changed_.notify_all();
    }
    void readerRemoved(const std::string& reader) override {
        std::lock_guard lock(mutex_);
        removed_.push_back(reader);
        changed_.notify_all();
    }
    void cardTapped(const std::string& reader, const std::string& cardRef) override {
        std::lock_guard lock(mutex_);
        taps_.emplace_back(reader, cardRef);
        changed_.notify_all();
    }
    /// `predicate` runs under the lock: it reads the members directly.
    template <typename Predicate>
    bool waitFor(Predicate predicate, std::chrono::milliseconds timeout = 5s) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return predicate(); });
    }
    std::size_t taps() {
        std::lock_guard lock(mutex_);
        return taps_.size();
    }
    std::vector<std::pair<std::string, std::string>> taps_;
    std::vector<std::string> added_, removed_;
    core::ReaderState state_;

private:
    std::mutex mutex_;
    std::condition_variable changed_;
};

class CardReaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string why;
        if (!PcscdProcess::available(why)) {
            // Loud, and a failure: CI installs pcscd and vpcd, so a skip would hide a broken setup.
            FAIL() << "PC/SC test stack missing: " << why << " — run scripts/setup-debian.sh";
        }
        pcscd = std::make_unique<PcscdProcess>();
        reader = core::makePcscCardReader(
            [](auto uid) { return refOf(core::Bytes(uid.begin(), uid.end())); }, &events,
            core::PcscOptions{debounce, 200ms});
        reader->start();
        ASSERT_TRUE(events.waitFor([&] { return events.added_.size() >= 2; }, 10s))
            << "the virtual readers did not show up";
        ASSERT_TRUE(events.waitFor([&] { return events.state_.status == ReaderStatus::Ready; }));
    }
    void TearDown() override {
        if (reader)
            reader->stop();
    }

    std::chrono::milliseconds debounce{2000ms};  // wide margins over the 400 ms vpcd poll
    Events events;
    std::unique_ptr<PcscdProcess> pcscd;
    std::unique_ptr<core::CardReader> reader;
    const core::Bytes uidA{0x04, 0xA2, 0x3B, 0x1C, 0x5D, 0x80, 0x01};
    const core::Bytes uidB{0x04, 0x11, 0x22, 0x33};
};

TEST_F(CardReaderTest, ATapGivesExactlyOneEventWithTheCardRef) {
    VirtualCard card(pcscd->vpcdPort(0), uidA);
    card.insert();
    ASSERT_TRUE(events.waitFor([&] { return !events.taps_.empty(); }));
    EXPECT_EQ(events.taps_[0].first, PcscdProcess::readerName(0));
    EXPECT_EQ(events.taps_[0].second, refOf(uidA));
    EXPECT_EQ(events.taps_[0].second.find(core::toHex(uidA)), std::string::npos);
    EXPECT_TRUE(events.waitFor([&] { return events.state_.status == ReaderStatus::CardPresent; }));
    // Held on the reader for a while: no repeats.
    std::this_thread::sleep_for(2500ms);
    EXPECT_EQ(events.taps(), 1u);
    card.remove();
    EXPECT_TRUE(events.waitFor([&] { return events.state_.status == ReaderStatus::Ready; }));
    EXPECT_EQ(events.taps(), 1u);
}

TEST_F(CardReaderTest, TheSameCardAgainIsANewTapOnlyAfterTheDebounce) {
    VirtualCard card(pcscd->vpcdPort(0), uidA);
    card.insert();
    ASSERT_TRUE(events.waitFor([&] { return events.taps_.size() == 1; }));
    card.remove();
    std::this_thread::sleep_for(500ms);
    card.insert();  // back within the debounce time: the same tap
    std::this_thread::sleep_for(900ms);
    EXPECT_EQ(events.taps(), 1u);
    card.remove();
    std::this_thread::sleep_for(debounce);
    card.insert();  // after it: a new tap
    EXPECT_TRUE(events.waitFor([&] { return events.taps_.size() == 2; }));
}

TEST_F(CardReaderTest, TwoReadersAtOnce) {
    VirtualCard a(pcscd->vpcdPort(0), uidA), b(pcscd->vpcdPort(1), uidB);
    a.insert();
    b.insert();
    ASSERT_TRUE(events.waitFor([&] { return events.taps_.size() == 2; }));
    std::set<std::pair<std::string, std::string>> seen(events.taps_.begin(), events.taps_.end());
    EXPECT_TRUE(seen.contains({PcscdProcess::readerName(0), refOf(uidA)}));
    EXPECT_TRUE(seen.contains({PcscdProcess::readerName(1), refOf(uidB)}));
}

TEST_F(CardReaderTest, ACardTornAwayMidReadGivesNoTap) {
    VirtualCard card(pcscd->vpcdPort(0), uidA);
    card.tearOnRead(true);
    card.insert();
    for (int i = 0; i < 50 && card.uidReads() == 0; ++i) {
        std::this_thread::sleep_for(100ms);
    }
    ASSERT_GT(card.uidReads(), 0) << "the reader never asked the card for its UID";
    std::this_thread::sleep_for(1s);
    EXPECT_EQ(events.taps(), 0u);
    // The reader carries on: the next card is read.
    VirtualCard other(pcscd->vpcdPort(1), uidB);
    other.insert();
    EXPECT_TRUE(events.waitFor([&] { return events.taps_.size() == 1; }));
}

TEST_F(CardReaderTest, RecoversWhenPcscdIsKilledAndRestarted) {
    pcscd->kill();
    ASSERT_TRUE(events.waitFor([&] { return events.state_.status == ReaderStatus::Error; }));
    EXPECT_FALSE(events.state_.detail.empty());
    // Without the service its readers are gone (the only hot-plug vpcd can show).
    EXPECT_TRUE(events.waitFor([&] { return events.removed_.size() == 2; }));
    pcscd->start();
    EXPECT_TRUE(events.waitFor([&] { return events.added_.size() == 4; }, 10s));
    // Recovery: ready again, and the next tap is read.
    ASSERT_TRUE(events.waitFor([&] { return events.state_.status == ReaderStatus::Ready; }, 10s));
    VirtualCard card(pcscd->vpcdPort(0), uidA);
    card.insert();
    EXPECT_TRUE(events.waitFor([&] { return events.taps_.size() == 1; }));
}

TEST_F(CardReaderTest, StopsWhileWaiting) {
    reader->stop();  // the test's CTest timeout is the deadline; the bench measures it
    reader.reset();
    SUCCEED();
}

ProcessResult cli(const std::vector<std::string>& args) {
    return runProcess(SANAD_CLI_BINARY, args);
}

TEST_F(CardReaderTest, CliListsAndWatchesTheReaders) {
    reader->stop();  // the CLI brings its own monitor
    TempDir data;
    const ProcessResult list = cli({"--data", data.path(), "reader", "list"});
    EXPECT_EQ(list.rc, 0) << list.out;
    EXPECT_NE(list.out.find(PcscdProcess::readerName(0) + ": ready"), std::string::npos)
        << list.out;
    EXPECT_NE(list.out.find(PcscdProcess::readerName(1) + ": ready"), std::string::npos)
        << list.out;

    VirtualCard card(pcscd->vpcdPort(1), uidA);
    std::thread tapLater([&] {
        std::this_thread::sleep_for(700ms);
        card.insert();
    });
    const ProcessResult watch =
        cli({"--data", data.path(), "reader", "watch", "--count", "1", "--timeout", "15"});
    tapLater.join();
    EXPECT_EQ(watch.rc, 0) << watch.out;
    const std::string prefix = "tap " + PcscdProcess::readerName(1) + " ";
    const auto at = watch.out.find(prefix);
    ASSERT_NE(at, std::string::npos) << watch.out;
    const std::string ref = watch.out.substr(at + prefix.size(), 64);
    EXPECT_TRUE(core::isCardRef(ref)) << watch.out;
    EXPECT_EQ(watch.out.find(core::toHex(uidA)), std::string::npos) << "never the raw UID";
    EXPECT_EQ(watch.out.find("04A23B1C5D8001"), std::string::npos);

    const ProcessResult timeout = cli({"--data", data.path(), "reader", "watch", "--timeout", "1"});
    EXPECT_EQ(timeout.rc, 1) << timeout.out;
}

TEST(SimulatedCardReader, FeedsTapsThroughTheSamePath) {
    Events events;
    core::SimulatedCardReader reader(
        [](auto uid) { return refOf(core::Bytes(uid.begin(), uid.end())); }, &events);
    reader.start();
    const core::Bytes uid{1, 2, 3, 4};
    reader.tap(uid);
    ASSERT_EQ(events.taps_.size(), 1u);
    EXPECT_EQ(events.taps_[0].second, refOf(uid));
    EXPECT_EQ(events.state_.status, ReaderStatus::Ready);
}

}  // namespace
}  // namespace sanad::test
