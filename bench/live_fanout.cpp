// Live-feed latency across sanad-server instances (issue 8): a check-in POSTed to instance A, the
// time until its change frame arrives on a live-feed WebSocket of instance B (through Redis), and
// the same with the socket on A itself (the baseline: the same work without crossing instances).
//   sanad-bench-live-fanout PORT_A PORT_B TOKEN [CHECK_INS]
// Prints p50/p99/max in ms for A→A and A→B, and their ratio. bench/multi_instance_load.sh runs it.
#include "live_socket.h"
#include "sanad/core/codec.h"
#include "sanad/core/crypto.h"
#include "sanad/core/time.h"
#include "sanad/core/uuid.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
namespace codec = sanad::core::codec;

/// Waits on `live` for the change frame of ticket `id`.
void await(sanad::test::LiveSocket& live, const std::string& id) {
    for (;;) {
        const auto frame = live.next();
        if (frame.ticket && frame.ticket->id == id) {
            return;
        }
    }
}

struct Figures {
    double p50, p99, max;
};

Figures figures(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) {
        return ms[static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1))];
    };
    return {at(0.5), at(0.99), ms.back()};
}

/// check-ins on `post`, watched on `live`: ms from sending the POST to the frame's arrival.
std::vector<double> run(std::uint16_t post, sanad::test::LiveSocket& live, const std::string& token,
                        int n, int& card) {
    Poco::Net::HTTPClientSession session("127.0.0.1", post);
    session.setKeepAlive(true);
    std::vector<double> ms;
    for (int i = 0; i < n; ++i) {
        const std::string id = sanad::core::newUuidV4();
        const std::string body = codec::encode(sanad::core::CheckIn{
            id, "general", sanad::core::sha256Hex("fanout " + std::to_string(card++)),
            sanad::core::now(), std::nullopt});
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/api/nfc/check-in",
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Authorization", "Bearer " + token);
        request.set("X-Idempotency-Key", sanad::core::newUuidV4());
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        const auto start = Clock::now();
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        std::string answer;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), answer);
        if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_CREATED) {
            throw std::runtime_error("check-in answered " + std::to_string(response.getStatus()));
        }
        await(live, id);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return ms;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: sanad-bench-live-fanout PORT_A PORT_B TOKEN [CHECK_INS]\n";
        return 2;
    }
    const auto portA = static_cast<std::uint16_t>(std::stoi(argv[1]));
    const auto portB = static_cast<std::uint16_t>(std::stoi(argv[2]));
    const std::string token = argv[3];
    const int n = argc > 4 ? std::stoi(argv[4]) : 200;
    try {
        sanad::test::LiveSocket onA(portA, token), onB(portB, token);
        int card = 0;
        run(portA, onA, token, 10, card);  // warm-up
        const Figures same = figures(run(portA, onA, token, n, card));
        const Figures cross = figures(run(portA, onB, token, n, card));
        std::printf("live feed, check-in POST to change frame (%d check-ins each):\n", n);
        std::printf("    same instance (A->A, baseline): p50 %.2f ms  p99 %.2f ms  max %.2f ms\n",
                    same.p50, same.p99, same.max);
        std::printf("    across instances (A->B):        p50 %.2f ms  p99 %.2f ms  max %.2f ms\n",
                    cross.p50, cross.p99, cross.max);
        std::printf("    ratio A->B / A->A: p50 %.2fx  p99 %.2fx\n", cross.p50 / same.p50,
                    cross.p99 / same.p99);
        std::printf(
            "RESULT cross_p50_ms=%.2f cross_p99_ms=%.2f same_p50_ms=%.2f same_p99_ms=%.2f\n",
            cross.p50, cross.p99, same.p50, same.p99);
    } catch (const std::exception& e) {
        std::cerr << "sanad-bench-live-fanout: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
