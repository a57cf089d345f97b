#pragma once
// The inprocess tier's fixture: console cores (each a desk with its own data folder) against the
// real server code through the loopback transport, on a clock the tests move.
#include "loopback_transport.h"
#include "manual_clock.h"
#include "sanad/core/codec.h"
#include "sanad/core/console_core.h"
#include "sanad/server/api.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

namespace sanad::test {

using Mode = InProcessServer::Mode;

inline core::Bytes card(int n) {
    return core::Bytes{
        0x04, 0x20, static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n), 0x11,
        0x22, 0x33};
}

class ConsoleRules : public ::testing::Test {
protected:
    core::ConsoleSettings desk(const std::string& name, const std::string& token) {
        core::ConsoleSettings s;
        s.dataDir = dir.path() + "/" + name;
        s.clock = &clock;
        s.transport = server.transports(token);
        s.room = "Zimmer 2";
        return s;
    }
    std::unique_ptr<core::ConsoleCore> open(const std::string& name) {
        return std::make_unique<core::ConsoleCore>(desk(name, server.addDevice(name)));
    }
    /// All of today's tickets as the server has them (asked through its Api, as a desk would).
    std::vector<core::Ticket> onServer(const std::string& queueId = "general") {
        if (observerToken.empty()) {
            observerToken = server.addDevice("observer");
        }
        server::ApiRequest request;
        request.method = "GET";
        request.uri = "/api/queues/" + queueId + "/tickets?all=1";
        request.authorization = "Bearer " + observerToken;
        return core::codec::decodeTicketsResponse(server.api().handle(request).body).tickets;
    }
    std::optional<core::Ticket> onServerById(const std::string& id,
                                             const std::string& queueId = "general") {
        for (const core::Ticket& t : onServer(queueId)) {
            if (t.id == id) {
                return t;
            }
        }
        return std::nullopt;
    }

    ManualClock clock;
    TempDir dir;
    InProcessServer server;
    std::string observerToken;
};

}  // namespace sanad::test
