#pragma once

#include "sanad/core/codec.h"
#include "sanad/core/crypto.h"
#include "sanad/core/uuid.h"
#include "server_process.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

namespace sanad::test {

/// A real demo server with two registered desks, and a client for each.
class ServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        server = std::make_unique<ServerProcess>(serverArgs());
        tokenA = server->addDevice("Empfang 1");
        tokenB = server->addDevice("Empfang 2");
        a = std::make_unique<Client>(server->port(), tokenA);
        b = std::make_unique<Client>(server->port(), tokenB);
    }

    virtual std::vector<std::string> serverArgs() { return {}; }

    static std::string cardRefOf(int n) {
        return core::sha256Hex("test card " + std::to_string(n));  // 64 lower-case hex
    }

    static std::string checkInBody(const std::string& ticketId, const std::string& cardRef,
                                   core::Timestamp at = core::now(),
                                   std::optional<std::string> number = std::nullopt,
                                   const std::string& queueId = "general") {
        return core::codec::encode(core::CheckIn{ticketId, queueId, cardRef, at, number});
    }

    /// A check-in by `client` under a fresh key; returns the raw result.
    HttpResult checkIn(Client& client, const std::string& cardRef, core::Timestamp at = core::now(),
                       std::optional<std::string> number = std::nullopt,
                       const std::string& queueId = "general") {
        return client.post("/api/nfc/check-in",
                           checkInBody(core::newUuidV4(), cardRef, at, number, queueId),
                           core::newUuidV4());
    }

    core::Ticket createTicket(Client& client, int card) {
        const HttpResult r = checkIn(client, cardRefOf(card));
        EXPECT_EQ(r.status, 201) << r.body;
        return core::codec::decodeCheckInResponse(r.body).ticket;
    }

    HttpResult transition(Client& client, const core::Ticket& ticket, core::TicketStatus to,
                          std::int64_t baseVersion, bool force = false,
                          core::Timestamp at = core::now()) {
        return client.post(
            "/api/tickets/" + ticket.id + "/transitions",
            core::codec::encode(core::Transition{to, baseVersion, at, std::nullopt, force}),
            core::newUuidV4());
    }

    core::Ticket move(Client& client, const core::Ticket& ticket, core::TicketStatus to) {
        const HttpResult r = transition(client, ticket, to, ticket.version);
        EXPECT_EQ(r.status, 200) << r.body;
        return core::codec::decodeTransitionResponse(r.body).ticket;
    }

    std::int64_t latestSeq(Client& client) {
        return core::codec::decodeChangesResponse(client.get("/api/changes?since=0&limit=1").body)
            .seq;
    }

    static std::string errorCode(const HttpResult& r) {
        return core::codec::decodeErrorResponse(r.body).error;
    }

    std::unique_ptr<ServerProcess> server;
    std::string tokenA, tokenB;
    std::unique_ptr<Client> a, b;
};

}  // namespace sanad::test
