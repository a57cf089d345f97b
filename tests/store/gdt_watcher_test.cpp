// GdtWatcher on a real folder: files dropped in are reported and deleted, broken ones land in
// rejected/, a file still being written is not read half. Negative checks wait for the watcher's
// own passes over the folder (passes()), never for a fixed time.
#include "sanad/core/gdt_watcher.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/StreamCopier.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace sanad::core;
using namespace std::chrono_literals;
using sanad::test::TempDir;

namespace {

const std::string kSamples = SANAD_GDT_SAMPLES;
const std::string kData = SANAD_GDT_TEST_DATA;

std::string bytesOf(const std::string& path) {
    Poco::FileInputStream in(path, std::ios::in | std::ios::binary);
    std::string bytes;
    Poco::StreamCopier::copyToString(in, bytes);
    return bytes;
}

void writeFile(const std::string& path, const std::string& bytes,
               std::ios::openmode mode = std::ios::trunc) {
    Poco::FileOutputStream out(path, std::ios::out | std::ios::binary | mode);
    out << bytes;
}

bool exists(const std::string& path) {
    return Poco::File(path).exists();
}

/// What the watcher reported, on its thread.
class Recorder : public GdtListener {
public:
    void patientsImported(const std::string& file,
                          const std::vector<GdtPatient>& patients) override {
        std::lock_guard lock(mutex_);
        files_.push_back(file);
        patients_.insert(patients_.end(), patients.begin(), patients.end());
        ++imports_;
        if (throwOnImport_) {
            changed_.notify_all();
            throw std::runtime_error("listener fails for Jürgen Müller");
        }
        changed_.notify_all();
    }
    void gdtRejected(const std::string& file, const std::string& reason) override {
        std::lock_guard lock(mutex_);
        rejected_.emplace_back(file, reason);
        changed_.notify_all();
    }
    template <typename Predicate>
    bool waitFor(Predicate predicate, std::chrono::milliseconds timeout = 10s) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return predicate(); });
    }
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::string> files_;
    std::vector<GdtPatient> patients_;
    std::vector<std::pair<std::string, std::string>> rejected_;
    int imports_ = 0;
    bool throwOnImport_ = false;
};

/// Every message logged under "sanad.gdt" until restore().
class LogCapture {
public:
    LogCapture() : logger_(Poco::Logger::get("sanad.gdt")) {
        oldChannel_ = logger_.getChannel();
        oldLevel_ = logger_.getLevel();
        logger_.setChannel(channel_);
        logger_.setLevel(Poco::Message::PRIO_TRACE);
    }
    ~LogCapture() { restore(); }
    void restore() {
        logger_.setChannel(oldChannel_);
        logger_.setLevel(oldLevel_);
    }
    std::vector<std::string> lines() { return channel_->lines(); }

private:
    class Channel : public Poco::Channel {
    public:
        void log(const Poco::Message& message) override {
            std::lock_guard lock(mutex_);
            lines_.push_back(message.getText());
        }
        std::vector<std::string> lines() {
            std::lock_guard lock(mutex_);
            return lines_;
        }

    private:
        std::mutex mutex_;
        std::vector<std::string> lines_;
    };
    Poco::Logger& logger_;
    Poco::AutoPtr<Channel> channel_{new Channel};
    Poco::Channel::Ptr oldChannel_;
    int oldLevel_ = 0;
};

class GdtWatcherTest : public testing::Test {
protected:
    void SetUp() override {
        exchange = folder.path() + "/exchange";
        staging = folder.path() + "/staging";
        Poco::File(exchange).createDirectories();
        Poco::File(staging).createDirectories();
    }
    void TearDown() override { stopWatcher(); }

    void startWatcher(GdtWatcherOptions options = fastOptions()) {
        watcher = std::make_unique<GdtWatcher>(exchange, &recorder, options);
        watcher->start();
    }
    void stopWatcher() {
        if (watcher) {
            watcher->stop();
        }
    }
    static GdtWatcherOptions fastOptions() {
        GdtWatcherOptions options;
        options.pollInterval = 20ms;
        options.settleTime = 60s;  // a half file waits for the test, however slow the machine
        return options;
    }
    /// Written elsewhere and renamed in, as a practice system does it.
    void land(const std::string& bytes, const std::string& name) {
        writeFile(staging + "/" + name, bytes);
        Poco::File(staging + "/" + name).renameTo(exchange + "/" + name);
    }
    /// Waits until the watcher has looked at the folder `n` more times: everything there before
    /// has been seen twice (stable) and handled.
    void waitForPasses(std::uint64_t n = 3) {
        const std::uint64_t target = watcher->passes() + n;
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (watcher->passes() < target && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(2ms);
        }
        ASSERT_GE(watcher->passes(), target);
    }
    /// The file's deletion follows the report in the same pass.
    void waitGone(const std::string& path) {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (exists(path) && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(2ms);
        }
    }

    TempDir folder;
    std::string exchange;
    std::string staging;
    Recorder recorder;
    std::unique_ptr<GdtWatcher> watcher;
};

}  // namespace

TEST_F(GdtWatcherTest, ADroppedFileIsReportedAndDeleted) {
    startWatcher();
    land(bytesOf(kSamples + "/SANAD_PVS_1.gdt"), "SANAD_PVS_1.gdt");
    ASSERT_TRUE(recorder.waitFor([&] { return recorder.imports_ == 1; }));
    EXPECT_EQ(recorder.files_.at(0), "SANAD_PVS_1.gdt");
    ASSERT_EQ(recorder.patients_.size(), 1u);
    EXPECT_EQ(recorder.patients_[0].patientId, "4711");
    EXPECT_EQ(displayName(recorder.patients_[0]), "J\xc3\xbcrgen M\xc3\xbcller");
    waitGone(exchange + "/SANAD_PVS_1.gdt");
    EXPECT_FALSE(exists(exchange + "/SANAD_PVS_1.gdt"));
    EXPECT_FALSE(exists(exchange + "/rejected"));
    EXPECT_TRUE(recorder.rejected_.empty());
}

TEST_F(GdtWatcherTest, SeveralRecordsAreOneReportWithEveryPatient) {
    startWatcher();
    land(bytesOf(kData + "/several_records.gdt"), "TWO.GDT");  // the extension in any case
    ASSERT_TRUE(recorder.waitFor([&] { return recorder.imports_ == 1; }));
    ASSERT_EQ(recorder.patients_.size(), 2u);
    EXPECT_EQ(recorder.patients_[0].patientId, "1001");
    EXPECT_EQ(recorder.patients_[1].patientId, "1002");
}

TEST_F(GdtWatcherTest, ABrokenFileLandsInRejectedAndNothingIsImported) {
    startWatcher();
    land(bytesOf(kData + "/no_surname.gdt"), "broken.gdt");
    ASSERT_TRUE(recorder.waitFor([&] { return recorder.rejected_.size() == 1; }));
    EXPECT_EQ(recorder.rejected_[0].first, "broken.gdt");
    EXPECT_NE(recorder.rejected_[0].second.find("no surname (3101)"), std::string::npos);
    EXPECT_TRUE(exists(exchange + "/rejected/broken.gdt"));
    EXPECT_FALSE(exists(exchange + "/broken.gdt"));
    // A good file afterwards is the only import: the broken one gave none, not even later.
    land(bytesOf(kSamples + "/SANAD_PVS_3.gdt"), "good.gdt");
    ASSERT_TRUE(recorder.waitFor([&] { return recorder.imports_ == 1; }));
    EXPECT_EQ(recorder.patients_.size(), 1u);
    EXPECT_EQ(recorder.patients_.at(0).patientId, "99");
    EXPECT_EQ(bytesOf(exchange + "/rejected/broken.gdt"), bytesOf(kData + "/no_surname.gdt"));
}

TEST_F(GdtWatcherTest, ANameTakenInRejectedGetsASuffix) {
    startWatcher();
    land(bytesOf(kData + "/png_header.gdt"), "x.gdt");
    ASSERT_TRUE(recorder.waitFor([&] { return recorder.rejected_.size() == 1; }));
    land(bytesOf(kData + "/random_bytes.gdt"), "x.gdt");
    ASSERT_TRUE(recorder.waitFor([&] { return recorder.rejected_.size() == 2; }));
    EXPECT_EQ(bytesOf(exchange + "/rejected/x.gdt"), bytesOf(kData + "/png_header.gdt"));
    EXPECT_EQ(bytesOf(exchange + "/rejected/x-2.gdt"), bytesOf(kData + "/random_bytes.gdt"));
}

TEST_F(GdtWatcherTest, AFileWrittenSlowlyInTwoHalvesIsNotReadHalf) {
    startWatcher();
    const std::string whole = bytesOf(kSamples + "/SANAD_PVS_1.gdt");
    // Cut at a line boundary before 3102 (the first half parses, but 8100 says more is coming),
    // and a second file cut in the middle of a line.
    const std::size_t atLine = whole.find("0153102");
    ASSERT_NE(atLine, std::string::npos);
    const std::size_t midLine = whole.find("M\x81ller") + 2;
    writeFile(exchange + "/line.gdt", whole.substr(0, atLine));
    writeFile(exchange + "/mid.gdt", whole.substr(0, midLine));
    waitForPasses();  // both seen unchanged on two polls, read, and left alone
    {
        std::lock_guard lock(recorder.mutex_);
        EXPECT_EQ(recorder.imports_, 0);
        EXPECT_TRUE(recorder.rejected_.empty());
    }
    EXPECT_TRUE(exists(exchange + "/line.gdt"));
    EXPECT_TRUE(exists(exchange + "/mid.gdt"));
    writeFile(exchange + "/line.gdt", whole.substr(atLine), std::ios::app);
    writeFile(exchange + "/mid.gdt", whole.substr(midLine), std::ios::app);
    ASSERT_TRUE(recorder.waitFor([&] { return recorder.imports_ == 2; }));
    ASSERT_EQ(recorder.patients_.size(), 2u);
    for (const GdtPatient& p : recorder.patients_) {
        EXPECT_EQ(displayName(p), "J\xc3\xbcrgen M\xc3\xbcller");
        EXPECT_EQ(p.birthDate, "1970-02-01");
    }
    EXPECT_TRUE(recorder.rejected_.empty());
}

TEST_F(GdtWatcherTest, AFileThatStaysCutIsRejectedOnceSettled) {
    GdtWatcherOptions options = fastOptions();
    options.settleTime = 200ms;
    startWatcher(options);
    const std::string whole = bytesOf(kSamples + "/SANAD_PVS_1.gdt");
    land(whole.substr(0, whole.size() - 4), "cut.gdt");
    ASSERT_TRUE(recorder.waitFor([&] { return recorder.rejected_.size() == 1; }));
    EXPECT_NE(recorder.rejected_[0].second.find("ends without CRLF"), std::string::npos);
    EXPECT_TRUE(exists(exchange + "/rejected/cut.gdt"));
    EXPECT_EQ(recorder.imports_, 0);
}

TEST_F(GdtWatcherTest, OtherFilesAreLeftAlone) {
    startWatcher();
    writeFile(exchange + "/notes.txt", "not for us");
    writeFile(exchange + "/SANAD.gdt.tmp", "half");
    land(bytesOf(kSamples + "/SANAD_PVS_2.gdt"), "p.gdt");
    ASSERT_TRUE(recorder.waitFor([&] { return recorder.imports_ == 1; }));
    waitForPasses();
    EXPECT_TRUE(exists(exchange + "/notes.txt"));
    EXPECT_TRUE(exists(exchange + "/SANAD.gdt.tmp"));
    EXPECT_TRUE(recorder.rejected_.empty());
    EXPECT_EQ(recorder.imports_, 1);
}

TEST_F(GdtWatcherTest, AFolderThatAppearsLaterIsWatched) {
    Poco::File(exchange).remove(true);
    startWatcher();
    waitForPasses(1);
    Poco::File(exchange).createDirectories();
    land(bytesOf(kSamples + "/SANAD_PVS_3.gdt"), "late.gdt");
    ASSERT_TRUE(recorder.waitFor([&] { return recorder.imports_ == 1; }));
}

TEST_F(GdtWatcherTest, AThrowingListenerStopsNothing) {
    recorder.throwOnImport_ = true;
    startWatcher();
    land(bytesOf(kSamples + "/SANAD_PVS_1.gdt"), "a.gdt");
    ASSERT_TRUE(recorder.waitFor([&] { return recorder.imports_ == 1; }));
    land(bytesOf(kSamples + "/SANAD_PVS_2.gdt"), "b.gdt");
    ASSERT_TRUE(recorder.waitFor([&] { return recorder.imports_ == 2; }));
    waitGone(exchange + "/a.gdt");
    EXPECT_FALSE(exists(exchange + "/a.gdt"));
}

TEST_F(GdtWatcherTest, NoPatientDataInTheLog) {
    LogCapture capture;
    recorder.throwOnImport_ = true;  // its exception's text names the patient
    startWatcher();
    land(bytesOf(kSamples + "/SANAD_PVS_1.gdt"), "a.gdt");
    land(bytesOf(kData + "/length_off_by_one.gdt"), "b.gdt");
    land(bytesOf(kData + "/no_6301.gdt"), "c.gdt");
    ASSERT_TRUE(
        recorder.waitFor([&] { return recorder.imports_ == 2 && recorder.rejected_.size() == 1; }));
    stopWatcher();
    capture.restore();
    const std::vector<std::string> lines = capture.lines();
    EXPECT_GE(lines.size(), 3u);  // two imports, one rejection, a warning
    for (const std::string& line : lines) {
        for (const char* secret : {"M\xc3\xbcller", "J\xc3\xbcrgen", "4711", "Meyer", "Hans"}) {
            EXPECT_EQ(line.find(secret), std::string::npos) << line;
        }
    }
}

TEST_F(GdtWatcherTest, StopReturnsPromptlyInALongPoll) {
    GdtWatcherOptions options;
    options.pollInterval = 60s;
    startWatcher(options);
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (watcher->passes() < 1 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(2ms);
    }
    ASSERT_GE(watcher->passes(), 1u);  // the first look is done: now waiting for the next poll
    const auto before = std::chrono::steady_clock::now();
    watcher->stop();
    EXPECT_LT(std::chrono::steady_clock::now() - before, 1s);
}
