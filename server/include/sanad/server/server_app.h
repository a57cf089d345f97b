#pragma once

#include "sanad/server/options.h"

#include <Poco/Util/ServerApplication.h>

#include <map>
#include <string>
#include <vector>

namespace sanad::server {

/// `sanad-server`: the command line, logging, start-up and graceful shutdown (SIGTERM/SIGINT).
///   sanad-server --port P --data DIR [--demo] [--bind ADDR] [--tls-cert F --tls-key F]
///   sanad-server device add|list|revoke …, queue add|rename|list … (--data DIR | --db URL)
class ServerApp : public Poco::Util::ServerApplication {
public:
    ServerApp();

protected:
    void initialize(Poco::Util::Application& self) override;
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& args) override;

private:
    int serve();
    /// --stop-on-stdin-eof: a thread that asks for termination once standard input ends.
    static void watchStdin();
    /// `device …` and `queue …` (admin_commands.cpp): the exit code.
    int adminCommand(const std::vector<std::string>& args);
    static const char* adminOptionHelp(const std::string& name);
    static const char* adminOptionArg(const std::string& name);
    void usage(const std::string& error = "");

    ServerOptions options_;
    bool helpRequested_ = false;
    std::string logLevel_ = "information";
    std::string optionError_;
    std::map<std::string, std::string> adminOptions_;  // --role, --queues, --name, --code
};

}  // namespace sanad::server
