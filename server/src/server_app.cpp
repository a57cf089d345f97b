#include "sanad/server/server_app.h"

#include "repository.h"

#include "change_relay.h"
#include "page_feed.h"
#include "sanad/core/crypto.h"
#include "sanad/server/api.h"
#include "sanad/server/database.h"
#include "sanad/server/http_server.h"
#include "sanad/server/live_hub.h"
#include "sanad/server/writer.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/NumberParser.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/IntValidator.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionSet.h>

#ifdef _WIN32
#include <windows.h>
#else
#include <pthread.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#endif

#include <atomic>
#include <condition_variable>
#include <iostream>
#include <thread>

#ifndef SANAD_VERSION
#define SANAD_VERSION "0.0.0"
#endif

namespace sanad::server {
namespace {

using Poco::Util::Option;

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.server");
}

/// Purges expired idempotency records every `interval` until stopped.
class Purger {
public:
    Purger(Api& api, std::chrono::seconds interval)
        : thread_([this, &api, interval] {
              std::unique_lock lock(mutex_);
              while (!stop_) {
                  if (wake_.wait_for(lock, interval, [this] { return stop_; })) {
                      break;
                  }
                  lock.unlock();
                  try {
                      const std::size_t n = api.purgeExpiredKeys();
                      if (n > 0) {
                          logger().information("purged %z expired idempotency records", n);
                      }
                  } catch (const std::exception& e) {
                      logger().error("purge failed: %s", std::string(e.what()));
                  }
                  lock.lock();
              }
          }) {}
    ~Purger() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        thread_.join();
    }

private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace

ServerApp::ServerApp() {
    setUnixOptions(true);
}

void ServerApp::initialize(Poco::Util::Application& self) {
    // No config file is loaded: the command line is the whole configuration.
    Poco::AutoPtr<Poco::PatternFormatter> formatter(
        new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t"));
    Poco::AutoPtr<Poco::FormattingChannel> channel(
        new Poco::FormattingChannel(formatter, new Poco::ConsoleChannel(std::cerr)));
    Poco::Logger::root().setChannel(channel);
    Poco::Logger::root().setLevel(logLevel_);
    Poco::Util::ServerApplication::initialize(self);
}

void ServerApp::defineOptions(Poco::Util::OptionSet& options) {
    Poco::Util::ServerApplication::defineOptions(options);
    options.addOption(Option("help", "h", "show this help").required(false).repeatable(false));
    options.addOption(Option("port", "p", "TCP port (0: any free port)").argument("P"));
    options.addOption(Option("data", "d", "data folder (sanad.db lives there)").argument("DIR"));
    options.addOption(
        Option("db", "", "PostgreSQL instead of SQLite: postgresql://user@host:port/database")
            .argument("URL"));
    options.addOption(
        Option("redis", "", "Redis for live changes across instances").argument("HOST:PORT"));
    options.addOption(
        Option("bind", "b", "address to listen on (default 127.0.0.1)").argument("ADDR"));
    options.addOption(Option("demo", "", "seed demo queues, tickets and cards (once)"));
    options.addOption(
        Option("stop-on-stdin-eof", "", "stop when standard input closes (a parent's lifeline)"));
    options.addOption(Option("tls-cert", "", "PEM certificate: serve HTTPS").argument("FILE"));
    options.addOption(Option("tls-key", "", "PEM private key for --tls-cert").argument("FILE"));
    options.addOption(
        Option("checkin-window", "", "check-in window in seconds (default 300)").argument("S"));
    options.addOption(
        Option("retention-hours", "", "idempotency retention (default 72)").argument("H"));
    options.addOption(
        Option("purge-interval", "", "seconds between purges (default 600)").argument("S"));
    options.addOption(
        Option("live-heartbeat-ms", "",
               "live feed: ping every MS; close a client silent for two (default 10000)")
            .argument("MS"));
    options.addOption(Option("public-url", "",
                             "the address patients' phones and displays reach (GET /api/config)")
                          .argument("URL"));
    options.addOption(
        Option("log-level", "", "error, warning, information, debug").argument("LEVEL"));
    // The admin commands' options (device add, queue add|rename).
    for (const char* name : {"role", "queues", "name", "code"}) {
        options.addOption(Option(name, "", adminOptionHelp(name)).argument(adminOptionArg(name)));
    }
}

void ServerApp::handleOption(const std::string& name, const std::string& value) {
    Poco::Util::ServerApplication::handleOption(name, value);
    auto number = [&](Poco::Int64 low, Poco::Int64 high) -> Poco::Int64 {
        Poco::Int64 n = 0;
        if (!Poco::NumberParser::tryParse64(value, n) || n < low || n > high) {
            optionError_ = "--" + name + " wants a whole number from " + std::to_string(low) +
                           " to " + std::to_string(high) + ", not '" + value + "'";
        }
        return n;
    };
    if (name == "help") {
        helpRequested_ = true;
        stopOptionsProcessing();
    } else if (name == "port") {
        options_.port = static_cast<std::uint16_t>(number(0, 65535));
    } else if (name == "data") {
        options_.dataDir = value;
    } else if (name == "db") {
        options_.databaseUrl = value;
    } else if (name == "redis") {
        options_.redis = value;
    } else if (name == "bind") {
        options_.bindAddress = value;
    } else if (name == "demo") {
        options_.demo = true;
    } else if (name == "stop-on-stdin-eof") {
        options_.stopOnStdinEof = true;
    } else if (name == "tls-cert") {
        options_.tlsCertFile = value;
    } else if (name == "tls-key") {
        options_.tlsKeyFile = value;
    } else if (name == "checkin-window") {
        options_.checkinWindow = std::chrono::seconds(number(0, 86400));
    } else if (name == "retention-hours") {
        options_.idempotencyRetention = std::chrono::hours(number(1, Poco::Int64{24} * 365));
    } else if (name == "purge-interval") {
        options_.purgeInterval = std::chrono::seconds(number(1, 86400));
    } else if (name == "live-heartbeat-ms") {
        options_.liveHeartbeat = std::chrono::milliseconds(number(10, 600000));
    } else if (name == "public-url") {
        options_.publicUrl = value;
        while (!options_.publicUrl.empty() && options_.publicUrl.back() == '/') {
            options_.publicUrl.pop_back();  // the console appends "/t/<token>"
        }
    } else if (name == "log-level") {
        logLevel_ = value;
    } else if (name == "role" || name == "queues" || name == "name" || name == "code") {
        adminOptions_[name] = value;
    }
}

void ServerApp::usage(const std::string& error) {
    if (!error.empty()) {
        std::cerr << "sanad-server: " << error << "\n\n";
    }
    Poco::Util::HelpFormatter help(options());
    help.setCommand("sanad-server");
    help.setWidth(100);
    help.setUsage(
        "--port P --data DIR [--demo] [--bind ADDR] [OPTIONS]\n"
        "sanad-server --port P --db postgresql://USER@HOST:PORT/DB [--redis HOST:PORT]\n"
        "sanad-server device add NAME [--role desk|display] [--queues ID,...] DATABASE\n"
        "sanad-server device list DATABASE | device revoke NAME DATABASE\n"
        "sanad-server queue add ID --name NAME --code C DATABASE\n"
        "sanad-server queue rename ID --name NAME DATABASE | queue list DATABASE\n"
        "(DATABASE: --data DIR or --db URL)");
    help.setHeader("The Sanad Reception backend: REST API, idempotency, live feed.");
    help.format(error.empty() ? std::cout : std::cerr);
}

int ServerApp::main(const std::vector<std::string>& args) {
    if (helpRequested_) {
        usage();
        return EXIT_OK;
    }
    if (!optionError_.empty()) {
        usage(optionError_);
        return EXIT_USAGE;
    }
    if (options_.dataDir.empty() == options_.databaseUrl.empty()) {
        usage("either --data DIR (SQLite) or --db URL (PostgreSQL) is required");
        return EXIT_USAGE;
    }
    if (!options_.databaseUrl.empty() && options_.databaseUrl.rfind("postgresql://", 0) != 0 &&
        options_.databaseUrl.rfind("postgres://", 0) != 0) {
        usage("--db wants postgresql://USER@HOST:PORT/DATABASE, not '" + options_.databaseUrl +
              "'");
        return EXIT_USAGE;
    }
    if (!options_.redis.empty()) {
        const auto colon = options_.redis.rfind(':');
        unsigned port = 0;
        if (colon == std::string::npos || colon == 0 ||
            !Poco::NumberParser::tryParseUnsigned(options_.redis.substr(colon + 1), port) ||
            port == 0 || port > 65535) {
            usage("--redis wants HOST:PORT, not '" + options_.redis + "'");
            return EXIT_USAGE;
        }
    }
    if (options_.tlsCertFile.empty() != options_.tlsKeyFile.empty()) {
        usage("--tls-cert and --tls-key go together");
        return EXIT_USAGE;
    }
    try {
        if (!args.empty()) {
            return adminCommand(args);
        }
        if (!adminOptions_.empty()) {
            usage("--" + adminOptions_.begin()->first + " belongs to a device or queue command");
            return EXIT_USAGE;
        }
        return serve();
    } catch (const Poco::Exception& e) {
        std::cerr << "sanad-server: " << e.message() << "\n";
        logger().fatal(e.displayText());
        return EXIT_SOFTWARE;
    } catch (const std::exception& e) {
        std::cerr << "sanad-server: " << e.what() << "\n";
        return EXIT_SOFTWARE;
    }
}

void ServerApp::watchStdin() {
    // Detached: it blocks in a read nothing can interrupt portably, and touches nothing but the
    // standard input handle and the termination request, so the process may end while it waits.
    // A raw read, not std::cin: msvcrt's exit() takes every stream's lock, and a std::cin read
    // would hold stdin's for as long as it waits.
    std::thread([] {
        try {
            char buffer[256];
#ifdef _WIN32
            const HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
            DWORD n = 0;
            while (ReadFile(in, buffer, sizeof buffer, &n, nullptr) && n > 0) {
            }
#else
            for (;;) {
                const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
                if (n == 0 || (n < 0 && errno != EINTR)) {
                    break;  // whatever the parent writes is ignored; only the end counts
                }
            }
#endif
            // No logging here: the process may already be ending (its statics going away).
            Poco::Util::ServerApplication::terminate();
        } catch (...) {
            // the process is ending anyway
        }
    }).detach();
}

#ifndef _WIN32
namespace {
/// The signals that stop the server, as Poco's waitForTerminationRequest waits for them.
sigset_t stopSignals() {
    sigset_t set;
    sigemptyset(&set);
    if (!std::getenv("POCO_ENABLE_DEBUGGER")) {
        sigaddset(&set, SIGINT);
    }
    sigaddset(&set, SIGQUIT);
    sigaddset(&set, SIGTERM);
    return set;
}
}  // namespace
#endif

int ServerApp::serve() {
    if (!options_.tlsCertFile.empty()) {
        Poco::Net::initializeSSL();
    }
    const auto database = openDatabase(options_.dataDir, options_.databaseUrl);
    const std::int64_t seq = repo::latestSeq(*database->readSession());
    LiveHub hub(seq);
    ChangeRelay::Options relayOptions;
    relayOptions.redis = options_.redis;
    // One channel per database: the practice key names it (hashed: the key itself is a secret).
    relayOptions.channel =
        "sanad:changes:" + core::sha256Hex(ensurePracticeKey(*database)).substr(0, 16);
#ifndef _WIN32
    // Every thread made from here on blocks the stop signals, so only the main thread's
    // waitForTerminationRequest (sigwait) takes them: one arriving before it waits, or landing on
    // another thread, would otherwise end the process without a graceful shutdown. (Until here a
    // stop signal simply ends a server that is still starting.)
    const sigset_t stop = stopSignals();
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);
#endif
    // Every instance's committed changes, in seq order, to the live feed and to the patients'
    // pages and displays.
    PageFeed pages(*database);
    ChangeSinks sinks({&hub, &pages});
    ChangeRelay relay(*database, sinks, seq, relayOptions);
    Writer writer(*database, &relay);
    seedInitialData(*database, writer, options_.demo);
    Api api(*database, writer, options_, SANAD_VERSION);
    HttpServer http(api, hub, pages, options_);
    const std::string scheme = options_.tlsCertFile.empty() ? "http" : "https";
    if (options_.demo && options_.publicUrl.empty()) {
        // The demo's QR codes and pages point at the demo server itself (the socket is bound,
        // no request is served yet): a new user sees a status page that works on this PC.
        const bool anyAddress = options_.bindAddress == "0.0.0.0" || options_.bindAddress == "::";
        options_.publicUrl = scheme + "://" + (anyAddress ? "127.0.0.1" : options_.bindAddress) +
                             ":" + std::to_string(http.port());
        api.usePublicUrl(options_.publicUrl);
    }
    http.start();
    // Tests and the console's demo mode read this line to learn the port.
    std::cout << "sanad-server listening on " << scheme << "://" << options_.bindAddress << ":"
              << http.port() << std::endl;
    logger().information(
        "listening on %s:%hu, data in %s%s%s", options_.bindAddress, http.port(),
        database->describe(),
        options_.redis.empty() ? std::string() : ", live changes via Redis " + options_.redis,
        std::string(options_.demo ? " (demo)" : ""));
    if (options_.stopOnStdinEof) {
        watchStdin();
    }
    {
        Purger purger(api, options_.purgeInterval);
        waitForTerminationRequest();
#ifndef _WIN32
        // A second stop signal during a shutdown that hangs ends the process (the main thread is
        // the only one that takes it now).
        pthread_sigmask(SIG_UNBLOCK, &stop, nullptr);
#endif
        logger().information("shutting down");
        http.stop();
    }
    writer.stop();
    relay.stop();
    pages.stop();
    if (!options_.tlsCertFile.empty()) {
        Poco::Net::uninitializeSSL();
    }
    logger().information("stopped");
    return EXIT_OK;
}

}  // namespace sanad::server
