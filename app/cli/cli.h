#pragma once

// sanad-cli's pieces: the command line (Poco::Util::OptionSet), the command table, and the
// commands themselves (cli_commands.cpp, cli_reader.cpp).

#include "sanad/core/console_core.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sanad::cli {

inline constexpr int kDone = 0;
inline constexpr int kUsage = 2;
inline constexpr int kQueued = 3;
inline constexpr int kFailed = 4;

/// A command line that cannot be run: said on stderr with the usage, exit 2.
struct UsageError {
    std::string text;
};

/// What the command line said: options by full name, and the words that are not options.
struct Arguments {
    std::map<std::string, std::string> options;
    std::vector<std::string> words;
    bool has(const std::string& name) const { return options.count(name) > 0; }
    std::string get(const std::string& name, const std::string& fallback = "") const;
};

/// Parses with Poco::Util::OptionSet (as sanad-server does); throws UsageError.
Arguments parseArguments(const std::vector<std::string>& args);

/// Everything a command gets: the arguments, the settings (command line over INI file over
/// defaults) and where they came from.
struct Context {
    Arguments args;
    core::ConsoleSettings settings;
    std::string configFile;
};

/// One row of the command table.
struct Command {
    const char* name;
    const char* usage;     // one line: "check-in --card-uid HEX"
    const char* help;      // what it does
    std::size_t minWords;  // words after the command's name
    std::size_t maxWords;
    bool needsToken;  // talks to the server (the reader commands do not)
    int (*run)(Context& context);
};

const std::vector<Command>& commands();

int status(Context& context);
int checkIn(Context& context);
int callNext(Context& context);
int transition(Context& context);
int sync(Context& context);
int outbox(Context& context);
int reader(Context& context);

/// English words for a core problem (the CLI's, as texts.cpp has the console's).
std::string describe(const core::Problem& problem);
/// "failed: <why>".
std::string failure(const std::optional<core::Problem>& problem);
/// One line for a ticket: number, status, id, position, room.
std::string ticketLine(const core::Ticket& ticket);
/// The raw UID of --card-uid (4 to 10 bytes of hex); UsageError otherwise.
core::Bytes cardUid(const Arguments& args);
/// Prints a check-in's result line; returns its exit code.
int printCheckIn(const core::CheckInResult& result);
/// 0 synced, 3 queued, 4 failed.
int exitFor(core::Delivery delivery);

/// Prints conflicts and problems as they are reported, one line each.
class PrintingListener : public core::ConsoleListener {
public:
    void problemReported(const core::Problem& problem) override;
    void conflictReported(const core::ConflictReport& c) override;
};

/// The core on the desk's data folder, with a listener that prints.
struct Desk {
    explicit Desk(const Context& context) : core(context.settings, &listener) {}
    PrintingListener listener;
    core::ConsoleCore core;
};

// v1.1, the front desk (cli_desk.cpp)
int checkInWalkIn(Context& context);
int card(Context& context);
int edit(Context& context);
int history(Context& context);
int stats(Context& context);

}  // namespace sanad::cli
