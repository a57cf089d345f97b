// Issue 4 benchmark: durable enqueue latency of the console's outbox, and how fast a backlog of
// queued check-ins drains into a real local sanad-server. Prints figures; gates nothing.
//   sanad-bench-console-drain [ROWS]      (default 10000)
#include "sanad/core/codec.h"
#include "sanad/core/console_core.h"
#include "sanad/core/uuid.h"
#include "server_process.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace sanad;
using Clock = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

core::OfflineRequest checkInRow(int i) {
    core::OfflineRequest row;
    row.id = core::newUuidV4();
    row.ticketId = core::newUuidV4();
    row.endpoint = "/api/nfc/check-in";
    row.body = core::codec::encode(core::CheckIn{row.ticketId, "general",
                                                 core::sha256Hex("card " + std::to_string(i)),
                                                 core::now(), std::nullopt});
    row.createdAt = core::now();
    return row;
}

}  // namespace

int main(int argc, char** argv) {
    const int rows = argc > 1 ? std::stoi(argv[1]) : 10000;
    test::ServerProcess server({}, "", false);
    const std::string token = server.addDevice("bench desk");
    test::TempDir dir;

    core::ConsoleSettings settings;
    settings.client.serverUrl = server.baseUrl();
    settings.client.token = token;
    settings.dataDir = dir.path() + "/console";
    core::ConsoleCore console(settings);

    // Enqueue latency: each call returns only once its row is on disk (WAL, synchronous=FULL).
    std::vector<double> latencies;
    latencies.reserve(static_cast<std::size_t>(rows));
    const auto enqueueStart = Clock::now();
    for (int i = 0; i < rows; ++i) {
        const core::OfflineRequest row = checkInRow(i);
        const auto t0 = Clock::now();
        console.store().enqueue(row);
        latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    const double enqueueSeconds =
        std::chrono::duration<double>(Clock::now() - enqueueStart).count();
    std::printf("enqueue: %d rows, p50 %.3f ms, p99 %.3f ms, %.0f rows/s (durable)\n", rows,
                percentile(latencies, 0.5), percentile(latencies, 0.99), rows / enqueueSeconds);

    const auto drainStart = Clock::now();
    const core::SyncReport report = console.sync();
    const double drainSeconds = std::chrono::duration<double>(Clock::now() - drainStart).count();
    std::printf(
        "drain: %zu of %d changes delivered in %.2f s = %.0f changes/s; left pending %lld\n",
        report.delivered, rows, drainSeconds, static_cast<double>(report.delivered) / drainSeconds,
        static_cast<long long>(report.counts.pending));
    return report.counts.pending == 0 ? 0 : 1;
}
