#include "sanad/core/announcer.h"
#include "recording_voice.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

namespace sanad::core {
namespace {

using test::LogCapture;
using test::RecordingVoice;
using test::VoiceLog;

struct SpokenCase {
    Announcement announcement;
    std::string expected;
};

Announcement call(std::string number, std::optional<std::string> room, std::string language) {
    Announcement a;
    a.number = std::move(number);
    a.room = std::move(room);
    a.language = std::move(language);
    return a;
}

TEST(SpokenText, ReadsTheNumberAndTheRoomAsTheUiTextsSay) {
    const std::vector<SpokenCase> cases = {
        {call("A017", "2", "de"), "Nummer A 17, bitte in Zimmer 2"},
        {call("A017", "2", "en"), "Number A. 17, please go to room 2"},
        {call("A017", std::nullopt, "de"), "Nummer A 17, bitte"},
        {call("A017", std::nullopt, "en"), "Number A. 17, please"},
        {call("A017", "  ", "de"), "Nummer A 17, bitte"},  // a blank room is none
        {call("A017", "02", "de"), "Nummer A 17, bitte in Zimmer 2"},
        {call("A017", "Zimmer 2", "de"), "Nummer A 17, bitte in Zimmer 2"},  // as written
        {call("B100", "Labor", "de"), "Nummer B 100, bitte in Labor"},
        {call("B100", "Lab", "en"), "Number B. 100, please go to Lab"},
        {call("A1000", "12", "en-GB"), "Number A. 1000, please go to room 12"},
        {call("AB007", "3", "de"), "Nummer A B 7, bitte in Zimmer 3"},  // letters apart
        {call("AB007", "3", "en"), "Number A. B. 7, please go to room 3"},
        {call("~A001", "1", "de"), "Nummer A 1, bitte in Zimmer 1"},  // provisional: no "~"
        {call("a005", "1", "de"), "Nummer A 5, bitte in Zimmer 1"},
        {call("A000", "1", "de"), "Nummer A 0, bitte in Zimmer 1"},
        {call("042", "1", "de"), "Nummer 42, bitte in Zimmer 1"},     // no queue code
        {call("X-12", "1", "de"), "Nummer X-12, bitte in Zimmer 1"},  // not ours: as written
        {call("A017", "2", "fr"), "Nummer A 17, bitte in Zimmer 2"},  // German unless English
    };
    for (const SpokenCase& c : cases) {
        EXPECT_EQ(spokenText(c.announcement), c.expected)
            << c.announcement.number << " / " << c.announcement.room.value_or("(none)") << " / "
            << c.announcement.language;
    }
}

std::shared_ptr<VoiceLog> newLog() {
    return std::make_shared<VoiceLog>();
}

TEST(Announcer, PlaysChimeThenSpeechInTheOrderAnnounced) {
    auto log = newLog();
    {
        Announcer announcer(std::make_unique<RecordingVoice>(log));
        for (int i = 1; i <= 5; ++i) {
            announcer.announce(call("A00" + std::to_string(i), std::to_string(i), "de"));
        }
        ASSERT_TRUE(log->waitForEvents(10));
    }
    std::vector<std::string> expected;
    for (int i = 1; i <= 5; ++i) {
        expected.push_back("chime");
        expected.push_back("speak de: Nummer A " + std::to_string(i) + ", bitte in Zimmer " +
                           std::to_string(i));
    }
    EXPECT_EQ(log->snapshot(), expected);
    EXPECT_FALSE(log->overlapped);
}

TEST(Announcer, NeverPlaysTwoSoundsAtOnceWhenManyThreadsAnnounce) {
    auto log = newLog();
    constexpr int kThreads = 4;
    constexpr int kEach = 6;
    {
        Announcer announcer(std::make_unique<RecordingVoice>(log));
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&announcer, t] {
                for (int i = 0; i < kEach; ++i) {
                    announcer.announce(call(
                        std::string(1, static_cast<char>('A' + t)) + "00" + std::to_string(i + 1),
                        "1", t % 2 ? "en" : "de"));
                }
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
        ASSERT_TRUE(log->waitForEvents(2 * kThreads * kEach));
    }
    const auto events = log->snapshot();
    ASSERT_EQ(events.size(), 2u * kThreads * kEach);
    EXPECT_FALSE(log->overlapped);
    for (std::size_t i = 0; i < events.size(); i += 2) {  // each call whole: its chime, its words
        EXPECT_EQ(events[i], "chime") << i;
        EXPECT_EQ(events[i + 1].rfind("speak ", 0), 0u) << events[i + 1];
    }
    // Each thread's calls in the order that thread made them.
    for (int t = 0; t < kThreads; ++t) {
        int last = 0;
        const std::string prefix = std::string(t % 2 ? "Number " : "Nummer ") +
                                   static_cast<char>('A' + t) + (t % 2 ? ". " : " ");
        for (const std::string& e : events) {
            const auto at = e.find(prefix);
            if (at != std::string::npos) {
                const int n = std::stoi(e.substr(at + prefix.size()));
                EXPECT_EQ(n, last + 1) << e;
                last = n;
            }
        }
        EXPECT_EQ(last, kEach);
    }
}

TEST(Announcer, ChimeOnlyWhenSpeechIsOff) {
    auto log = newLog();
    {
        Announcer announcer(std::make_unique<RecordingVoice>(log));
        Announcement quiet = call("A001", "1", "de");
        quiet.speak = false;
        announcer.announce(quiet);
        announcer.announce(call("A002", "1", "de"));
        ASSERT_TRUE(log->waitForEvents(3));
    }
    EXPECT_EQ(log->snapshot(), (std::vector<std::string>{
                                   "chime", "chime", "speak de: Nummer A 2, bitte in Zimmer 1"}));
}

TEST(Announcer, AFailingVoiceIsLoggedAndTheNextAnnouncementGoesOn) {
    LogCapture capture("sanad.announce");
    auto log = newLog();
    log->failChimes = 1;
    {
        Announcer announcer(std::make_unique<RecordingVoice>(log));
        announcer.announce(call("A001", "1", "de"));
        announcer.announce(call("A002", "1", "de"));
        // The first chime threw: its words are still spoken, then the second call whole.
        ASSERT_TRUE(log->waitForEvents(3));
    }
    EXPECT_EQ(log->snapshot(),
              (std::vector<std::string>{"speak de: Nummer A 1, bitte in Zimmer 1", "chime",
                                        "speak de: Nummer A 2, bitte in Zimmer 1"}));
    const auto lines = capture.lines();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "the chime failed: the fake speaker broke");
}

TEST(Announcer, DestructorWhileBusyInterruptsAndDropsWhatIsQueued) {
    auto log = newLog();
    log->holdChime = true;
    auto announcer = std::make_unique<Announcer>(std::make_unique<RecordingVoice>(log));
    announcer->announce(call("A001", "1", "de"));
    announcer->announce(call("A002", "1", "de"));
    announcer->announce(call("A003", "1", "de"));
    ASSERT_TRUE(log->waitUntilChimeHeld());
    announcer.reset();  // returns only once the thread has ended: interrupt() let the chime go
    EXPECT_TRUE(log->interrupted);
    // The chime being played ended; its words and the calls still queued were dropped.
    EXPECT_EQ(log->snapshot(), std::vector<std::string>{"chime"});
}

TEST(Announcer, DestructorOfAnIdleAnnouncerReturns) {
    auto log = newLog();
    { Announcer announcer(std::make_unique<RecordingVoice>(log)); }
    EXPECT_TRUE(log->snapshot().empty());
    EXPECT_TRUE(log->interrupted);
}

TEST(Announcer, RefusesNoVoice) {
    EXPECT_THROW(Announcer(nullptr), std::invalid_argument);
}

TEST(DefaultChimePath, FindsTheChimeCopiedNextToTheBinaries) {
    const std::filesystem::path path = std::filesystem::u8path(defaultChimePath());
    EXPECT_TRUE(std::filesystem::is_regular_file(path)) << path;
    EXPECT_EQ(path.filename(), "chime.wav");
    // From <build>/tests: <build>/share/sounds (the copy), not the source tree's assets.
    EXPECT_EQ(path.parent_path().filename(), "sounds");
    EXPECT_EQ(path.parent_path().parent_path().filename(), "share") << path;
}

TEST(SystemVoice, MadeAndDestroyedWithoutPlayingNeverThrows) {
    EXPECT_NO_THROW({ auto voice = makeSystemVoice(defaultChimePath()); });
}

}  // namespace
}  // namespace sanad::core

#ifdef _WIN32
namespace sanad::core {
namespace {

// Under wine (the installer tier's unit run): PlaySound and SAPI as the machine has them; with
// no sound device each problem is logged once and nothing throws.
TEST(SystemVoice, WindowsVoicePlaysOrLogsButNeverThrows) {
    LogCapture capture("sanad.announce");
    auto voice = makeSystemVoice(defaultChimePath());
    for (int i = 0; i < 2; ++i) {
        EXPECT_NO_THROW(voice->chime());
        EXPECT_NO_THROW(voice->speak("Nummer A 17, bitte in Zimmer 2", "de"));
    }
    const auto lines = capture.lines();
    EXPECT_LE(lines.size(), 3u);  // at most once each: chime, speech, no German voice
    for (const auto& line : lines) {
        std::cout << "[ log      ] " << line << "\n";
    }
}

}  // namespace
}  // namespace sanad::core
#endif
