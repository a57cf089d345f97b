// sanad-cli: the console core without a window, for IT admins and tests.
//   sanad-cli [--server URL] [--token T] [--data DIR] [--queue ID] [--room R] [--ca-file F] COMMAND
// Exit codes: 0 done (and synced), 2 usage, 3 stored offline and queued, 4 failed.
#include "sanad/core/card_reader.h"
#include "sanad/core/console_core.h"
#include "sanad/core/crypto.h"
#include "sanad/core/state_machine.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/Net/Net.h>
#include <Poco/Path.h>

#include <Poco/Util/IniFileConfiguration.h>
#include <cstdlib>

#include <condition_variable>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace {

using namespace sanad::core;

constexpr int kDone = 0;
constexpr int kUsage = 2;
constexpr int kQueued = 3;
constexpr int kFailed = 4;

const char* const kUsageText =
    "usage: sanad-cli [--server URL] [--token T] [--data DIR] [--queue ID] [--room R]\n"
    "                 [--ca-file F] [--config FILE] COMMAND\n"
    "commands:\n"
    "  status                       connection, outbox and last sync\n"
    "  check-in --card-uid HEX      a card tap (the UID is never printed or stored)\n"
    "  call-next                    call the first waiting patient (to --room)\n"
    "  transition TICKET_ID TO      TO: called, in_progress, completed, cancelled, no_show, "
    "waiting\n"
    "  sync                         send what waits, refresh the queue\n"
    "  outbox list | retry ID | discard ID\n"
    "  reader list                  the PC/SC card readers and their state\n"
    "  reader watch [--count N] [--timeout S]\n"
    "                               one line per reader event and tap; exits 0 after N taps,\n"
    "                               1 on timeout (card refs only, never a UID)\n"
    "  --version\n"
    "exit codes: 0 done, 2 usage, 3 stored offline and queued, 4 failed\n"
    "defaults come from the console's config file (";

std::string defaultConfigFile() {
    return Poco::Path(Poco::Path::configHome()).append("sanad/reception.ini").toString();
}

std::string defaultDataDir() {
#ifdef _WIN32
    // The desk's outbox is shared by everyone who signs in at this PC (WINDOWS.md).
    if (const char* programData = std::getenv("ProgramData")) {
        return Poco::Path(std::string(programData) + "\\").append("Sanad\\Reception").toString();
    }
#endif
    return Poco::Path(Poco::Path::dataHome()).append("sanad/reception").toString();
}

int usage(const std::string& error) {
    if (!error.empty()) {
        std::cerr << "sanad-cli: " << error << "\n";
    }
    std::cerr << kUsageText << defaultConfigFile() << ")\n";
    return kUsage;
}

std::string line(const Ticket& t) {
    std::string text = t.number + " " + std::string(toString(t.status)) + " ticket=" + t.id;
    if (t.position) {
        text += " position=" + std::to_string(*t.position);
    }
    if (t.room) {
        text += " room=" + *t.room;
    }
    return text;
}

int exitFor(Delivery delivery) {
    switch (delivery) {
        case Delivery::Synced:
            return kDone;
        case Delivery::Queued:
            return kQueued;
        case Delivery::Failed:
            return kFailed;
    }
    return kFailed;
}

std::string describeCounts(const OutboxCounts& c) {
    std::string text = "outbox: pending " + std::to_string(c.pending) + ", failed " +
                       std::to_string(c.failed) + ", conflict " + std::to_string(c.conflict);
    if (c.oldestPendingAt) {
        text += ", oldest " + formatTimestamp(*c.oldestPendingAt);
    }
    return text;
}

/// Prints conflicts and errors as they are reported, one line each.
/// How the server was found on the last pass: reachable, unreachable, or refusing this desk.
std::string reachability(const SyncReport& report) {
    if (report.reachable) {
        return "reachable";
    }
    return report.problem.empty() ? "unreachable" : "answered but refused: " + report.problem;
}

class PrintingListener : public ConsoleListener {
public:
    void errorReported(const std::string& message) override {
        std::cerr << "sanad-cli: " << message << "\n";
    }
    void conflictReported(const ConflictReport& c) override {
        std::cout << "conflict " << c.rowId << " ticket=" << c.server.id << " " << c.server.number
                  << " server=" << toString(c.server.status)
                  << " requested=" << toString(c.requested.to) << " rule=" << toString(c.rule)
                  << "\n";
    }
};

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

int readerCommand(const std::vector<std::string>& command,
                  std::map<std::string, std::string>& options, const std::string& dataDir) {
    if (command.size() != 2 || (command[1] != "list" && command[1] != "watch")) {
        return usage("reader list | reader watch [--count N] [--timeout S]");
    }
    int count = 0;
    std::optional<std::chrono::milliseconds> timeout;
    try {
        if (options.count("count"))
            count = std::stoi(options["count"]);
        if (options.count("timeout")) {
            timeout = std::chrono::milliseconds(
                static_cast<long long>(std::stod(options["timeout"]) * 1000));
        }
    } catch (const std::exception&) {
        return usage("--count and --timeout want numbers");
    }
    if (count < 0) {
        return usage("--count wants 1 or more");
    }
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

int run(const std::vector<std::string>& args) {
    std::map<std::string, std::string> options;
    std::vector<std::string> command;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--version") {
            std::cout << "sanad-cli " << SANAD_VERSION << "\n";
            return kDone;
        }
        if (a == "--help" || a == "-h") {
            usage("");
            return kDone;
        }
        if (a.rfind("--", 0) == 0 && a != "--card-uid") {
            if (i + 1 >= args.size()) {
                return usage(a + " needs a value");
            }
            options[a.substr(2)] = args[++i];
        } else {
            command.push_back(a);
        }
    }
    for (const auto& [name, value] : options) {
        static const std::vector<std::string> known{"server",  "token",  "data",  "queue",  "room",
                                                    "ca-file", "config", "count", "timeout"};
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            return usage("unknown option --" + name);
        }
    }
    if (command.empty()) {
        return usage("no command");
    }
    // Defaults from the console's config file, overridden by the command line.
    const std::string configFile =
        options.count("config") ? options["config"] : defaultConfigFile();
    Poco::AutoPtr<Poco::Util::IniFileConfiguration> ini;
    if (Poco::File(configFile).exists()) {
        ini = new Poco::Util::IniFileConfiguration(configFile);
    }
    auto setting = [&](const std::string& name, const std::string& iniKey,
                       const std::string& fallback) {
        if (options.count(name))
            return options[name];
        if (ini && ini->hasProperty(iniKey))
            return ini->getString(iniKey);
        return fallback;
    };

    ConsoleSettings settings;
    settings.client.serverUrl = setting("server", "server.url", "http://127.0.0.1:8080");
    settings.client.token = setting("token", "server.token", "");
    settings.client.caFile = setting("ca-file", "server.ca_file", "");
    settings.dataDir = setting("data", "console.data", defaultDataDir());
    settings.queueId = setting("queue", "console.queue", "general");
    const std::string room = setting("room", "console.room", "");
    if (!room.empty()) {
        settings.room = room;
    }
    if (command[0] == "reader") {
        return readerCommand(command, options, settings.dataDir);
    }
    if (settings.client.token.empty()) {
        return usage("no device token (--token, or server.token in " + configFile + ")");
    }

    // Parse the command fully before touching anything.
    const std::string& verb = command[0];
    std::string uidHex;
    if (verb == "check-in") {
        auto it = std::find(args.begin(), args.end(), "--card-uid");
        if (it == args.end() || it + 1 == args.end()) {
            return usage("check-in needs --card-uid HEX");
        }
        uidHex = *(it + 1);
        command.erase(std::remove(command.begin(), command.end(), uidHex), command.end());
        if (!fromHex(uidHex) || uidHex.size() < 8 || uidHex.size() > 20) {
            return usage("--card-uid wants the card's UID as 4 to 10 bytes of hex");
        }
    }
    std::optional<TicketStatus> to;
    if (verb == "transition") {
        if (command.size() != 3) {
            return usage("transition takes TICKET_ID TO");
        }
        to = parseTicketStatus(command[2]);
        if (!to) {
            return usage("unknown status '" + command[2] + "'");
        }
    }
    if (verb == "outbox" && (command.size() < 2 || (command[1] != "list" && command.size() != 3))) {
        return usage("outbox list | outbox retry ID | outbox discard ID");
    }
    static const std::vector<std::string> verbs{"status",     "check-in", "call-next",
                                                "transition", "sync",     "outbox"};
    if (std::find(verbs.begin(), verbs.end(), verb) == verbs.end()) {
        return usage("unknown command '" + verb + "'");
    }

    PrintingListener listener;
    ConsoleCore core(settings, &listener);
    if (core.store().damagedFileReport()) {
        std::cerr << "sanad-cli: " << *core.store().damagedFileReport() << "\n";
    }

    if (verb == "status") {
        const SyncReport report = core.sync();
        std::cout << "server: " << settings.client.serverUrl << " " << reachability(report) << "\n";
        std::cout << "queue: " << settings.queueId << "\n";
        std::cout << describeCounts(report.counts) << "\n";
        const auto last = core.lastSync();
        std::cout << "last sync: " << (last ? formatTimestamp(*last) : std::string("never"))
                  << "\n";
        return report.reachable ? kDone : (report.problem.empty() ? kQueued : kFailed);
    }
    if (verb == "check-in") {
        const Bytes uid = *fromHex(uidHex);
        const CheckInResult r = core.checkIn(uid);
        if (r.delivery == Delivery::Failed) {
            std::cout << "failed: " << r.message << "\n";
        } else {
            std::cout << (r.delivery == Delivery::Synced ? "checked in: " : "stored offline: ")
                      << line(*r.ticket);
            if (r.outcome) {
                std::cout << " outcome=" << toString(*r.outcome);
            }
            if (r.warning) {
                std::cout << " warning=" << *r.warning;
            }
            if (r.provisionalNumber) {
                std::cout << " (provisional number)";
            }
            std::cout << "\n";
        }
        return exitFor(r.delivery);
    }
    if (verb == "call-next" || verb == "transition") {
        core.sync();  // best effort: the freshest queue there is
        std::string ticketId;
        TicketStatus target = TicketStatus::Called;
        if (verb == "call-next") {
            const auto next = core.nextWaiting();
            if (!next) {
                std::cout << "nobody is waiting in " << settings.queueId << "\n";
                return kFailed;
            }
            ticketId = next->id;
        } else {
            ticketId = command[1];
            target = *to;
        }
        const TransitionResult r = core.transition(ticketId, target);
        if (r.delivery == Delivery::Failed) {
            std::cout << "failed: " << r.message << "\n";
        } else {
            std::cout << (r.delivery == Delivery::Synced ? "done: " : "stored offline: ")
                      << line(*r.ticket);
            if (r.resolution) {
                std::cout << " resolution=" << toString(*r.resolution);
            }
            std::cout << "\n";
        }
        return exitFor(r.delivery);
    }
    if (verb == "sync") {
        const SyncReport report = core.sync();
        std::cout << "server: " << reachability(report) << ", sent " << report.delivered << "\n";
        std::cout << describeCounts(report.counts) << "\n";
        if (!report.problem.empty()) {
            return kFailed;  // a refused desk (a wrong token): waiting will not help
        }
        if (!report.reachable && report.counts.pending > 0) {
            return kQueued;
        }
        if (report.counts.failed > 0 || report.counts.conflict > 0) {
            return kFailed;
        }
        return report.counts.pending > 0 ? kQueued : (report.reachable ? kDone : kQueued);
    }
    // outbox
    if (command[1] == "list") {
        for (const OfflineRequest& row :
             core.store().list({OutboxStatus::Pending, OutboxStatus::Retrying, OutboxStatus::Failed,
                                OutboxStatus::Conflict})) {
            std::cout << row.id << " " << toString(row.status) << " " << row.method << " "
                      << row.endpoint << " ticket=" << row.ticketId
                      << " attempts=" << row.retryCount
                      << " created=" << formatTimestamp(row.createdAt);
            if (row.lastError) {
                std::cout << " error=\"" << *row.lastError << "\"";
            }
            std::cout << "\n";
        }
        return kDone;
    }
    const bool ok = command[1] == "retry"     ? core.retryRow(command[2])
                    : command[1] == "discard" ? core.discardRow(command[2])
                                              : false;
    if (!ok) {
        std::cout << "failed: no such " << (command[1] == "retry" ? "failed " : "") << "row "
                  << command[2] << "\n";
        return command[1] == "retry" || command[1] == "discard" ? kFailed : kUsage;
    }
    std::cout << command[1] << ": " << command[2] << "\n";
    if (command[1] == "retry") {
        const SyncReport report = core.sync();
        return report.counts.pending + report.counts.failed + report.counts.conflict == 0 ? kDone
                                                                                          : kQueued;
    }
    return kDone;
}

}  // namespace

int main(int argc, char** argv) {
    Poco::Net::initializeNetwork();  // Windows: Winsock (a no-op elsewhere)
    // Warnings and errors of the core on stderr; stdout stays one line per item.
    Poco::Logger::root().setChannel(new Poco::ConsoleChannel(std::cerr));
    Poco::Logger::root().setLevel("warning");
    try {
        return run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const Poco::Exception& e) {
        std::cerr << "sanad-cli: " << e.displayText() << "\n";
        return kFailed;
    } catch (const std::exception& e) {
        std::cerr << "sanad-cli: " << e.what() << "\n";
        return kFailed;
    }
}
