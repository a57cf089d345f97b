// sanad-cli: the console core without a window, for IT admins and tests.
//   sanad-cli [--server URL] [--token T] [--data DIR] [--queue ID] [--room R] [--ca-file F] COMMAND
// Exit codes: 0 done (and synced), 2 usage, 3 stored offline and queued, 4 failed.
#include "cli.h"

#include "sanad/core/desk_config.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/Net/Net.h>
#include <Poco/Util/IniFileConfiguration.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/OptionSet.h>

#include <iostream>

namespace sanad::cli {

using namespace sanad::core;
using Poco::Util::Option;

namespace {

Poco::Util::OptionSet optionSet() {
    Poco::Util::OptionSet set;
    auto value = [&](const char* name, const char* arg, const char* help) {
        set.addOption(Option(name, "", help).argument(arg).repeatable(false));
    };
    value("server", "URL", "the server, http(s)://host:port");
    value("token", "T", "this desk's device token");
    value("data", "DIR", "the desk's data folder (console.db)");
    value("queue", "ID", "the desk's queue");
    value("room", "R", "the room calls go to");
    value("ca-file", "F", "the CA (PEM) to trust for https");
    value("config", "FILE", "the INI file to read instead of the console's");
    value("card-uid", "HEX", "check-in: the card's UID (never printed or stored)");
    value("count", "N", "reader watch: exit 0 after N taps");
    value("timeout", "S", "reader watch: exit 1 after S seconds");
    value("name", "N", "walk-in, card register, edit: the patient's name");
    value("patient-id", "ID", "walk-in, card register, edit: the practice system's patient id");
    value("note", "T", "walk-in, edit: a note for the desks (never shown to patients)");
    value("day", "YYYY-MM-DD", "stats: the day (today when absent)");
    auto flag = [&](const char* name, const char* help) {
        set.addOption(Option(name, "", help).repeatable(false));
    };
    flag("walk-in", "check-in: a patient without a card");
    flag("urgent", "walk-in, edit: urgent (goes first)");
    flag("normal", "edit: not urgent any more");
    flag("json", "reading commands: print JSON (for scripts)");
    set.addOption(Option("version", "", "the version"));
    set.addOption(Option("help", "h", "this help"));
    return set;
}

void printUsage() {
    std::cerr
        << "usage: sanad-cli [--server URL] [--token T] [--data DIR] [--queue ID] [--room R]\n"
           "                 [--ca-file F] [--config FILE] COMMAND\n"
           "commands:\n";
    for (const Command& c : commands()) {
        // The help in a column of its own; after a long usage line, on the next line.
        std::string line = "  " + std::string(c.usage);
        line = line.size() < 31 ? line + std::string(31 - line.size(), ' ')
                                : line + "\n" + std::string(31, ' ');
        std::cerr << line << c.help << "\n";
    }
    std::cerr << "  --version\n"
                 "exit codes: 0 done, 2 usage, 3 stored offline and queued, 4 failed\n"
                 "defaults come from the console's config file ("
              << defaultConfigFile() << ")\n";
}

int usage(const std::string& error) {
    if (!error.empty()) {
        std::cerr << "sanad-cli: " << error << "\n";
    }
    printUsage();
    return kUsage;
}

/// Command line over the INI file over the defaults.
ConsoleSettings settingsFor(const Arguments& args, std::string& configFile) {
    configFile = args.get("config", defaultConfigFile());
    Poco::AutoPtr<Poco::Util::IniFileConfiguration> ini;
    if (Poco::File(configFile).exists()) {
        ini = new Poco::Util::IniFileConfiguration(configFile);
    }
    auto setting = [&](const char* option, const IniKey& key, const std::string& fallback) {
        if (args.has(option)) {
            return args.get(option);
        }
        return ini ? ini->getString(key.dotted(), fallback) : fallback;
    };
    ConsoleSettings settings;
    settings.client.serverUrl = setting("server", ini::kServerUrl, kDefaultServerUrl);
    settings.client.token = setting("token", ini::kToken, "");
    settings.client.caFile = setting("ca-file", ini::kCaFile, "");
    settings.dataDir = setting("data", ini::kData, defaultDataDir());
    settings.queueId = setting("queue", ini::kQueue, kDefaultQueue);
    if (const std::string room = setting("room", ini::kRoom, ""); !room.empty()) {
        settings.room = room;
    }
    return settings;
}

int run(const std::vector<std::string>& argv) {
    Context context;
    try {
        context.args = parseArguments(argv);
    } catch (const UsageError& e) {
        return usage(e.text);
    }
    const Arguments& args = context.args;
    if (args.has("version")) {
        std::cout << "sanad-cli " << SANAD_VERSION << "\n";
        return kDone;
    }
    if (args.has("help")) {
        printUsage();
        return kDone;
    }
    if (args.words.empty()) {
        return usage("no command");
    }
    const std::string& verb = args.words.front();
    const Command* command = nullptr;
    for (const Command& c : commands()) {
        if (verb == c.name) {
            command = &c;
        }
    }
    if (!command) {
        return usage("unknown command '" + verb + "'");
    }
    const std::size_t words = args.words.size() - 1;
    if (words < command->minWords || words > command->maxWords) {
        return usage(std::string("usage: ") + command->usage);
    }
    context.settings = settingsFor(args, context.configFile);
    if (command->needsToken && context.settings.client.token.empty()) {
        return usage("no device token (--token, or server.token in " + context.configFile + ")");
    }
    try {
        return command->run(context);
    } catch (const UsageError& e) {
        return usage(e.text);
    }
}

}  // namespace

std::string Arguments::get(const std::string& name, const std::string& fallback) const {
    const auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
}

Arguments parseArguments(const std::vector<std::string>& argv) {
    const Poco::Util::OptionSet set = optionSet();
    Poco::Util::OptionProcessor processor(set);
    processor.setUnixStyle(true);
    Arguments args;
    try {
        for (const std::string& arg : argv) {
            std::string name, value;
            if (processor.process(arg, name, value)) {
                if (!name.empty()) {
                    args.options[name] = value;
                }
            } else {
                args.words.push_back(arg);
            }
        }
        processor.checkRequired();
    } catch (const Poco::Util::OptionException& e) {
        throw UsageError{e.displayText()};
    }
    return args;
}

}  // namespace sanad::cli

int main(int argc, char** argv) {
    Poco::Net::initializeNetwork();  // Windows: Winsock (a no-op elsewhere)
    // Warnings and errors of the core on stderr; stdout stays one line per item.
    Poco::Logger::root().setChannel(new Poco::ConsoleChannel(std::cerr));
    Poco::Logger::root().setLevel("warning");
    try {
        return sanad::cli::run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const Poco::Exception& e) {
        std::cerr << "sanad-cli: " << e.displayText() << "\n";
        return sanad::cli::kFailed;
    } catch (const std::exception& e) {
        std::cerr << "sanad-cli: " << e.what() << "\n";
        return sanad::cli::kFailed;
    }
}
