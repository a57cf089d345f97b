#pragma once
// The console core's integration fixture: a real sanad-server, two desks, a fault proxy between
// this desk's core and the server.
#include "desk_settings.h"
#include "fault_proxy.h"
#include "manual_clock.h"
#include "sanad/core/codec.h"
#include "sanad/core/console_core.h"
#include "server_process.h"

#include <gtest/gtest.h>

namespace sanad::test {

using namespace std::chrono_literals;

inline core::Bytes uid(int n) {
    return core::Bytes{
        0x04, 0x10, static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n), 0x5d,
        0x80, 0x01};
}

/// Remembers what the core reported.
/// sanad-cli as a process.
inline ProcessResult cli(const std::vector<std::string>& args) {
    return runProcess(SANAD_CLI_BINARY, args);
}

class Recorder : public core::ConsoleListener {
public:
    void connectivityChanged(bool online) override { connectivity.push_back(online); }
    void conflictReported(const core::ConflictReport& c) override { conflicts.push_back(c); }
    void problemReported(const core::Problem& p) override {
        errors.push_back(p.detail);
        problems.push_back(p.kind);
    }
    std::vector<bool> connectivity;
    std::vector<core::ProblemKind> problems;
    std::vector<core::ConflictReport> conflicts;
    std::vector<std::string> errors;
};

class ConsoleCoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        server = std::make_unique<ServerProcess>();
        token = server->addDevice("Empfang 1");
        otherToken = server->addDevice("Empfang 2");
        proxy = std::make_unique<FaultProxy>(server->port());
        api = std::make_unique<Client>(server->port(), token);
        other = std::make_unique<Client>(server->port(), otherToken);
    }

    core::ConsoleSettings settings() {
        core::ConsoleSettings s =
            deskSettings(proxy->url(), token, dataDir.path() + "/console", 700ms);
        s.room = "Zimmer 2";
        // The policy's real schedule: the tests move the clock instead of waiting it out.
        s.retry = core::RetryPolicy{3, 2.0, 1s, 5min};
        s.clock = &clock;
        return s;
    }

    std::vector<core::Ticket> serverTickets() {
        return core::codec::decodeTicketsResponse(
                   api->get("/api/queues/general/tickets?all=1").body)
            .tickets;
    }

    std::string practiceKey() {
        return core::codec::decodeConfigResponse(api->get("/api/config").body).practiceKey;
    }

    ManualClock clock;
    TempDir dataDir;
    std::unique_ptr<ServerProcess> server;
    std::string token, otherToken;
    std::unique_ptr<FaultProxy> proxy;
    std::unique_ptr<Client> api, other;
    Recorder recorder;
};

}  // namespace sanad::test
