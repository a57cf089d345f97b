#pragma once

#include "sanad/core/http_transport.h"
#include "temp_dir.h"

#include <atomic>
#include <memory>
#include <string>

namespace sanad::server {
class Api;
class Database;
class Writer;
}  // namespace sanad::server

namespace sanad::test {

/// The real server code in this process (SQLite in a temp folder, the writer thread, the Api with
/// its rules and idempotency), without sockets: for the fast tier that runs the console core's
/// rules against it, with exact control of what reaches it (LiteCore's LoopbackWebSocket).
/// Beside, not instead of, the real-process tests. Thread-safety: transports may be used from
/// any number of threads at once (Api::handle is); setMode from any thread.
class InProcessServer {
public:
    /// Pass: every request handled. Down: none reaches the server (network loss). LoseAnswers:
    /// handled, but the answer is lost on the way back (network loss after the effect).
    /// Unavailable: answered 503 by something in front of the server (not handled).
    enum class Mode { Pass, Down, LoseAnswers, Unavailable };

    explicit InProcessServer(bool demo = true);
    ~InProcessServer();
    InProcessServer(const InProcessServer&) = delete;
    InProcessServer& operator=(const InProcessServer&) = delete;

    /// Registers a device; returns its token.
    std::string addDevice(const std::string& name);
    /// Transports for a console core (ConsoleSettings::transport) as the device of `token`.
    core::TransportFactory transports(const std::string& token);
    void setMode(Mode mode) { mode_ = mode; }
    /// Requests that reached the server's Api so far.
    int handled() const { return handled_; }
    server::Api& api() { return *api_; }

private:
    friend class LoopbackTransport;
    TempDir dir_;
    std::unique_ptr<server::Database> database_;
    std::unique_ptr<server::Writer> writer_;
    std::unique_ptr<server::Api> api_;
    std::atomic<Mode> mode_{Mode::Pass};
    std::atomic<int> handled_{0};
};

}  // namespace sanad::test
