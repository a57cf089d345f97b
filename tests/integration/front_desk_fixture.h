#pragma once

#include "sanad/core/codec.h"
#include "sanad/core/wire.h"
#include "server_fixture.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

namespace sanad::test {

/// A real server without the demo data (empty lines), with a second queue `lab` (code B) put
/// straight into its database, two desks, and the wire contract v1.1 calls as helpers.
class FrontDeskTest : public ServerTest {
protected:
    void SetUp() override {
        server = std::make_unique<ServerProcess>(serverArgs(), "", /*demo=*/false);
        server->execSql(
            "INSERT INTO queues (id, name, code, sort) VALUES ('lab', 'Labor', 'B', 1)");
        tokenA = server->addDevice("Empfang 1");
        tokenB = server->addDevice("Empfang 2");
        a = std::make_unique<Client>(server->port(), tokenA);
        b = std::make_unique<Client>(server->port(), tokenB);
    }

    static core::DeskCheckIn walkIn(const std::string& queueId = "general",
                                    core::Timestamp at = core::now()) {
        core::DeskCheckIn in;
        in.ticketId = core::newUuidV4();
        in.queueId = queueId;
        in.checkedInAt = at;
        return in;
    }

    HttpResult deskCheckIn(Client& client, const core::DeskCheckIn& in,
                           const std::string& key = core::newUuidV4()) {
        return client.post("/api/desk/check-in", core::codec::encode(in), key);
    }

    /// A walk-in that must be created; returns its ticket.
    core::Ticket walkInTicket(Client& client, const core::DeskCheckIn& in) {
        const HttpResult r = deskCheckIn(client, in);
        EXPECT_EQ(r.status, 201) << r.body;
        return core::codec::decodeCheckInResponse(r.body).ticket;
    }

    /// A card tap at `at` (v1 route) that must be created; returns its ticket.
    core::Ticket tapTicket(Client& client, int card, core::Timestamp at = core::now(),
                           const std::string& queueId = "general") {
        const HttpResult r = checkIn(client, cardRefOf(card), at, std::nullopt, queueId);
        EXPECT_EQ(r.status, 201) << r.body;
        return core::codec::decodeCheckInResponse(r.body).ticket;
    }

    HttpResult editRaw(Client& client, const std::string& ticketId, const std::string& body,
                       const std::string& key = core::newUuidV4()) {
        return client.post("/api/tickets/" + ticketId + "/edits", body, key);
    }
    HttpResult edit(Client& client, const std::string& ticketId, const core::TicketEdit& e,
                    const std::string& key = core::newUuidV4()) {
        return editRaw(client, ticketId, core::codec::encode(e), key);
    }
    /// An edit that must answer 200; returns the answer.
    core::EditResponse edited(Client& client, const std::string& ticketId,
                              const core::TicketEdit& e) {
        const HttpResult r = edit(client, ticketId, e);
        EXPECT_EQ(r.status, 200) << r.body;
        return core::codec::decodeTransitionResponse(r.body);
    }

    HttpResult putCard(Client& client, const std::string& cardRef, const std::string& body,
                       const std::string& key = "") {
        std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
        if (!key.empty()) {
            headers["X-Idempotency-Key"] = key;
        }
        return client.request("PUT", "/api/cards/" + cardRef, body, headers);
    }
    HttpResult deleteCard(Client& client, const std::string& cardRef, const std::string& key = "") {
        std::map<std::string, std::string> headers;
        if (!key.empty()) {
            headers["X-Idempotency-Key"] = key;
        }
        return client.request("DELETE", "/api/cards/" + cardRef, "", headers);
    }

    /// A call (transition to called) at `at`, in room 1.
    core::Ticket callAt(Client& client, const core::Ticket& t, core::Timestamp at) {
        const HttpResult r =
            client.post("/api/tickets/" + t.id + "/transitions",
                        core::codec::encode(core::Transition{core::TicketStatus::Called, t.version,
                                                             at, std::string("1"), false}),
                        core::newUuidV4());
        EXPECT_EQ(r.status, 200) << r.body;
        return core::codec::decodeTransitionResponse(r.body).ticket;
    }

    core::Ticket fetch(Client& client, const std::string& id) {
        const HttpResult r = client.get("/api/tickets/" + id);
        EXPECT_EQ(r.status, 200) << r.body;
        return core::codec::decodeTicketResponse(r.body).ticket;
    }

    std::vector<core::Ticket> line(Client& client, const std::string& queueId, bool all = false) {
        const HttpResult r =
            client.get("/api/queues/" + queueId + "/tickets" + (all ? "?all=1" : ""));
        EXPECT_EQ(r.status, 200) << r.body;
        return core::codec::decodeTicketsResponse(r.body).tickets;
    }

    static core::Timestamp minutesAgo(int minutes) {
        return core::now() - std::chrono::minutes(minutes);
    }
};

}  // namespace sanad::test
