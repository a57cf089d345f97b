// sanad-cli reader list | reader watch: the PC/SC card readers, without the server.
#include "cli.h"

#include "sanad/core/card_reader.h"
#include "sanad/core/crypto.h"

#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>

namespace sanad::cli {

using namespace sanad::core;

namespace {

/// Prints reader events, one line each, and counts taps. Called on the reader thread.
class ReaderPrinter : public CardReaderListener {
public:
    explicit ReaderPrinter(bool printEvents) : printEvents_(printEvents) {}
    void readerStateChanged(const ReaderState& state) override {
        std::lock_guard lock(mutex_);
        state_ = state;
        ++stateReports_;
        if (printEvents_ && state.status == ReaderStatus::Error) {
            std::cout << "reader error " << state.detail << std::endl;
        }
        changed_.notify_all();
    }
    void readerAdded(const std::string& reader) override {
        std::lock_guard lock(mutex_);
        if (printEvents_)
            std::cout << "reader added " << reader << std::endl;
    }
    void readerRemoved(const std::string& reader) override {
        std::lock_guard lock(mutex_);
        if (printEvents_)
            std::cout << "reader removed " << reader << std::endl;
    }
    void cardTapped(const std::string& reader, const std::string& cardRef) override {
        std::lock_guard lock(mutex_);
        ++taps_;
        std::cout << "tap " << reader << " " << cardRef << std::endl;
        changed_.notify_all();
    }
    template <typename Predicate>
    bool waitFor(Predicate predicate, std::optional<std::chrono::milliseconds> timeout) {
        std::unique_lock lock(mutex_);
        if (!timeout) {
            changed_.wait(lock, [&] { return predicate(); });
            return true;
        }
        return changed_.wait_for(lock, *timeout, [&] { return predicate(); });
    }
    ReaderState state_;
    int stateReports_ = 0;
    int taps_ = 0;

private:
    bool printEvents_;
    std::mutex mutex_;
    std::condition_variable changed_;
};

std::string statusWord(ReaderStatus status) {
    switch (status) {
        case ReaderStatus::NoReader:
            return "no reader";
        case ReaderStatus::Ready:
            return "ready";
        case ReaderStatus::CardPresent:
            return "card present";
        case ReaderStatus::Error:
            return "error";
    }
    return "unknown";
}

}  // namespace

WatchLimits watchLimits(const Arguments& args) {
    WatchLimits limits;
    try {
        if (args.has("count"))
            limits.count = std::stoi(args.get("count"));
        if (args.has("timeout")) {
            limits.timeout = std::chrono::milliseconds(
                static_cast<long long>(std::stod(args.get("timeout")) * 1000));
        }
    } catch (const std::exception&) {
        throw UsageError{"--count and --timeout want numbers"};
    }
    if (limits.count < 0) {
        throw UsageError{"--count wants 1 or more"};
    }
    return limits;
}

int reader(Context& context) {
    const std::vector<std::string>& command = context.args.words;
    if (command[1] != "list" && command[1] != "watch") {
        throw UsageError{"reader list | reader watch [--count N] [--timeout S]"};
    }
    const WatchLimits limits = watchLimits(context.args);
    const int count = limits.count;
    const std::optional<std::chrono::milliseconds> timeout = limits.timeout;
    const std::string& dataDir = context.settings.dataDir;
    // The card_ref key: the practice key this desk cached when it last reached the server.
    ConsoleStore store(dataDir);
    std::optional<Bytes> key;
    if (const auto hex = store.meta("practice_key")) {
        key = fromHex(*hex);
    }
    if (!key) {
        std::cerr << "sanad-cli: no practice key cached (this desk never reached the server): "
                     "the card refs shown use a temporary key and match nothing on the server\n";
        key = randomBytes(32);
    }
    const CardRefMaker makeRef = [key = *key](std::span<const std::uint8_t> uid) {
        return cardRef(key, uid);
    };
    const bool watch = command[1] == "watch";
    ReaderPrinter printer(watch);
    auto reader = makePcscCardReader(makeRef, &printer);
    reader->start();
    if (!watch) {
        // The first full look at the readers takes one round of the reader thread.
        printer.waitFor(
            [&] {
                return printer.stateReports_ >= 1 && printer.state_.status != ReaderStatus::Error;
            },
            std::chrono::milliseconds(1500));
        const std::vector<std::string> names = reader->readers();
        const ReaderState state = printer.state_;
        reader->stop();
        if (state.status == ReaderStatus::Error) {
            std::cout << "card readers unavailable: " << state.detail << "\n";
            return kFailed;
        }
        if (names.empty()) {
            std::cout << "no card reader connected\n";
            return kDone;
        }
        for (const std::string& name : names) {
            const bool present =
                state.status == ReaderStatus::CardPresent && state.readerName == name;
            std::cout << name << ": "
                      << statusWord(present ? ReaderStatus::CardPresent : ReaderStatus::Ready)
                      << "\n";
        }
        return kDone;
    }
    const bool reached =
        printer.waitFor([&] { return count > 0 && printer.taps_ >= count; }, timeout);
    reader->stop();
    if (count > 0 && reached) {
        return kDone;
    }
    std::cout << "timeout after " << printer.taps_ << " taps\n";
    return 1;
}

}  // namespace sanad::cli
