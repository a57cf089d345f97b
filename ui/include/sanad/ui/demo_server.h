#pragma once

#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <memory>
#include <string>
#include <thread>

namespace sanad::ui {

/// `sanad-reception --demo`: a private `sanad-server --demo` on a free loopback port with a
/// temporary data folder, and this desk registered as a device on it. The destructor stops the
/// server (SIGTERM, then waits) and removes the folder. Throws std::runtime_error with a message
/// for the user when the server cannot be started. Not thread-safe; one owner.
class DemoServer {
public:
    /// `serverBinary`: the sanad-server to run; empty = the one next to this executable.
    explicit DemoServer(std::string serverBinary = "");
    ~DemoServer();
    DemoServer(const DemoServer&) = delete;
    DemoServer& operator=(const DemoServer&) = delete;

    const std::string& url() const { return url_; }
    const std::string& token() const { return token_; }
    /// A folder for the console's own data, inside the temporary folder.
    std::string consoleDataDir() const;
    const std::string& folder() const { return folder_; }
    bool running() const;
    void stop();

    static std::string serverNextToExecutable();

private:
    std::string binary_;
    std::string folder_;
    std::string url_;
    std::string token_;
    // The server's standard input: it stops when this closes, so it ends with the console even
    // when the console is killed or its display goes away (sanad-server --stop-on-stdin-eof).
    Poco::Pipe lifeline_;
    std::unique_ptr<Poco::ProcessHandle> handle_;
    std::thread drain_;  // reads the server's output so its pipe never fills
};

}  // namespace sanad::ui
