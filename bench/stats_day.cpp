// GET /api/stats for a day with 5,000 tickets (issue 14: < 50 ms on the server). The real server
// code in this process (SQLite in a temp folder, the writer thread, Api::handle): the day is
// seeded through the API itself (walk-ins from 8 threads, so the writer group-commits; every
// second ticket called, every fourth completed), then the call is timed 20 times; prints the
// median and the ticket count.
//   sanad-bench-stats-day [TICKETS]
#include "sanad/core/codec.h"
#include "sanad/core/uuid.h"
#include "sanad/server/api.h"
#include "sanad/server/database.h"
#include "sanad/server/writer.h"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>
#include <vector>

using namespace sanad;

namespace {

server::ApiResponse call(server::Api& api, const std::string& token, const std::string& method,
                         const std::string& uri, const std::string& body = "") {
    server::ApiRequest request;
    request.method = method;
    request.uri = uri;
    request.authorization = "Bearer " + token;
    if (method == "POST") {
        request.idempotencyKey = core::newUuidV4();
        request.contentType = "application/json";
    }
    request.body = body;
    return api.handle(request);
}

}  // namespace

int main(int argc, char** argv) {
    const int count = argc > 1 ? std::atoi(argv[1]) : 5000;
    const std::string dir = Poco::TemporaryFile::tempName();
    {
        server::SqliteDatabase database(dir);
        server::Writer writer(database, nullptr);
        server::seedInitialData(database, writer, /*demo=*/true);  // two queues
        const std::string token = server::addDevice(database, "Bench");
        server::ServerOptions options;
        server::Api api(database, writer, options, "bench");

        const auto start = core::now() - std::chrono::hours(8);
        std::atomic<int> next{0}, failed{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&] {
                for (int i = next++; i < count; i = next++) {
                    core::DeskCheckIn in;
                    in.ticketId = core::newUuidV4();
                    in.queueId = i % 3 == 0 ? "lab" : "general";
                    in.checkedInAt = start + std::chrono::seconds(5 * i);
                    auto r =
                        call(api, token, "POST", "/api/desk/check-in", core::codec::encode(in));
                    if (r.status != 201 || i % 2 != 0) {
                        failed += r.status != 201 ? 1 : 0;
                        continue;
                    }
                    const core::Ticket ticket = core::codec::decodeCheckInResponse(r.body).ticket;
                    const core::Transition called{core::TicketStatus::Called, 1,
                                                  in.checkedInAt + std::chrono::minutes(i % 40),
                                                  std::nullopt, false};
                    r = call(api, token, "POST", "/api/tickets/" + ticket.id + "/transitions",
                             core::codec::encode(called));
                    if (r.status == 200 && i % 4 == 0) {
                        call(api, token, "POST", "/api/tickets/" + ticket.id + "/transitions",
                             core::codec::encode(core::Transition{core::TicketStatus::NoShow, 2,
                                                                  called.at, std::nullopt, false}));
                    }
                }
            });
        }
        for (auto& t : threads) {
            t.join();
        }
        const std::string uri = "/api/stats?day=" + core::localDay(core::now());
        std::vector<double> ms;
        std::int64_t counted = 0;
        for (int i = 0; i < 20; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            const server::ApiResponse r = call(api, token, "GET", uri);
            ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count());
            counted = 0;
            for (const auto& q : core::codec::decodeStatsResponse(r.body).queues) {
                counted += q.checkedIn;
            }
        }
        std::sort(ms.begin(), ms.end());
        std::cout << "GET /api/stats: " << counted << " tickets (" << failed
                  << " failed check-ins), median " << (ms[9] + ms[10]) / 2 << " ms of 20 (min "
                  << ms.front() << ", max " << ms.back() << ")\n";
        writer.stop();
    }
    Poco::File(dir).remove(true);
    return 0;
}
