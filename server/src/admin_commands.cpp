// The admin's command lines: `sanad-server device add|list|revoke`, `queue add|rename|list`, on
// the data folder (--data) or the database (--db), beside running servers.
#include "sanad/server/admin.h"
#include "sanad/server/database.h"
#include "sanad/server/server_app.h"

#include <Poco/StringTokenizer.h>

#include <algorithm>
#include <iostream>

namespace sanad::server {
namespace {

using Options = std::map<std::string, std::string>;

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const std::string& item : items) {
        out += (out.empty() ? "" : separator) + item;
    }
    return out;
}

std::string queuesText(const std::vector<std::string>& queues) {
    return queues.empty() ? "all" : joined(queues, ",");
}

void deviceAdd(const Database& db, const std::string& name, const Options& options) {
    DeviceRole role = DeviceRole::Desk;
    if (const auto it = options.find("role"); it != options.end()) {
        const auto parsed = parseDeviceRole(it->second);
        if (!parsed) {
            throw core::Error("--role is desk or display, not '" + it->second + "'");
        }
        role = *parsed;
    }
    std::vector<std::string> queues;
    if (const auto it = options.find("queues"); it != options.end()) {
        for (const std::string& q : Poco::StringTokenizer(
                 it->second, ",",
                 Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY)) {
            queues.push_back(q);
        }
        if (queues.empty()) {
            throw core::Error("--queues wants queue ids, e.g. --queues general,lab");
        }
    }
    const std::string token = addDevice(db, name, role, queues);
    const std::string as =
        role == DeviceRole::Desk
            ? "a desk"
            : "a display of " + (queues.empty() ? std::string("all queues") : joined(queues, ", "));
    // The token is the last word: scripts take it with awk '{print $NF}'.
    std::cout << "device '" << name << "' registered as " << as
              << "; its token (shown once): " << token << std::endl;
}

void deviceList(const Database& db, const std::string&, const Options&) {
    for (const Device& d : listDevices(db)) {
        std::cout << d.name << '\t' << toString(d.role) << '\t' << queuesText(d.queues)
                  << (d.revoked ? "\trevoked" : "") << '\n';
    }
    std::cout.flush();
}

void deviceRevoke(const Database& db, const std::string& name, const Options&) {
    revokeDevice(db, name);
    std::cout << "device '" << name << "' revoked: its token is refused from now on" << std::endl;
}

void queueAdd(const Database& db, const std::string& id, const Options& options) {
    const core::Queue queue{id, options.at("name"), options.at("code"), 0};
    addQueue(db, queue);
    std::cout << "queue '" << id << "' added: " << queue.name << ", code " << queue.code
              << std::endl;
}

void queueRename(const Database& db, const std::string& id, const Options& options) {
    renameQueue(db, id, options.at("name"));
    std::cout << "queue '" << id << "' renamed to '" << options.at("name") << "'" << std::endl;
}

void queueList(const Database& db, const std::string&, const Options&) {
    for (const core::Queue& q : listQueues(db)) {
        std::cout << q.id << '\t' << q.name << '\t' << q.code << '\n';
    }
    std::cout.flush();
}

/// One admin command: its words, its one argument (if any), the options it takes and needs.
struct Command {
    const char* group;
    const char* verb;
    const char* argument;  // "NAME", "ID", or nullptr for none
    std::vector<std::string> takes;
    std::vector<std::string> needs;
    void (*run)(const Database& db, const std::string& argument, const Options& options);
};

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"device", "add", "NAME", {"role", "queues"}, {}, deviceAdd},
        {"device", "list", nullptr, {}, {}, deviceList},
        {"device", "revoke", "NAME", {}, {}, deviceRevoke},
        {"queue", "add", "ID", {"name", "code"}, {"name", "code"}, queueAdd},
        {"queue", "rename", "ID", {"name"}, {"name"}, queueRename},
        {"queue", "list", nullptr, {}, {}, queueList},
    };
    return table;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

const char* ServerApp::adminOptionHelp(const std::string& name) {
    if (name == "role") {
        return "device add: desk (default) or display";
    }
    if (name == "queues") {
        return "device add --role display: the queues it shows (default: all)";
    }
    if (name == "name") {
        return "queue add|rename: the queue's name";
    }
    return "queue add: the queue's code, the prefix of its numbers (A-Z, 1 to 3)";
}

const char* ServerApp::adminOptionArg(const std::string& name) {
    if (name == "role") {
        return "ROLE";
    }
    if (name == "queues") {
        return "ID,...";
    }
    return name == "name" ? "NAME" : "C";
}

int ServerApp::adminCommand(const std::vector<std::string>& args) {
    const Command* command = nullptr;
    for (const Command& c : commands()) {
        if (args.size() >= 2 && args[0] == c.group && args[1] == c.verb) {
            command = &c;
        }
    }
    if (command == nullptr) {
        usage("unknown command: " + joined(args, " "));
        return EXIT_USAGE;
    }
    const std::string words = std::string(command->group) + " " + command->verb;
    const std::size_t count = command->argument != nullptr ? 3 : 2;
    if (args.size() != count) {
        usage(words + (command->argument != nullptr
                           ? " takes exactly one " + std::string(command->argument) +
                                 " (quote a name with spaces)"
                           : " takes no argument"));
        return EXIT_USAGE;
    }
    for (const auto& [name, value] : adminOptions_) {
        if (!contains(command->takes, name)) {
            usage(words + " takes no --" + name);
            return EXIT_USAGE;
        }
    }
    for (const std::string& name : command->needs) {
        if (!adminOptions_.contains(name)) {
            usage(words + " needs --" + name);
            return EXIT_USAGE;
        }
    }
    try {
        const auto database = openDatabase(options_.dataDir, options_.databaseUrl);
        command->run(*database, count == 3 ? args[2] : std::string(), adminOptions_);
        return EXIT_OK;
    } catch (const UnknownError& e) {
        std::cerr << "sanad-server: " << e.message() << "\n";
        return EXIT_NOUSER;
    } catch (const AlreadyExistsError& e) {
        std::cerr << "sanad-server: " << e.message() << "\n";
        return EXIT_CANTCREAT;
    } catch (const StorageError& e) {
        // As `device add` always answered: nothing could be stored (or read).
        std::cerr << "sanad-server: " << e.message() << "\n";
        return EXIT_CANTCREAT;
    } catch (const core::Error& e) {
        std::cerr << "sanad-server: " << e.message() << "\n";
        return EXIT_USAGE;
    }
}

}  // namespace sanad::server
