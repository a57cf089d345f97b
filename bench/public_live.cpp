// The patient's page at scale (issue 15): PAGES status-page WebSockets open on one queue of a real
// sanad-server, then ROUNDS queue moves (the ticket at the head of the line is cancelled through
// REST with a desk token: every page's position drops by one). Per round: the time from sending
// the REST call until each page saw its new position (median and max over the pages), and the
// server's CPU seconds for the round (utime + stime from /proc/<pid>/stat).
//   sanad-bench-public-live [PAGES] [ROUNDS]
// All sockets are polled in this one thread (Poco::Net::PollSet). Defaults: 500 pages, 5 rounds.
#include "sanad/core/codec.h"
#include "sanad/core/crypto.h"
#include "sanad/core/time.h"
#include "sanad/core/uuid.h"
#include "server_process.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/PollSet.h>
#include <Poco/Net/WebSocket.h>

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using Poco::Net::WebSocket;
namespace codec = sanad::core::codec;

/// The server process's pid: the one whose command line names its data folder.
int serverPid(const std::string& dataDir) {
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        const std::string name = entry.path().filename();
        if (name.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        std::ifstream in(entry.path() / "cmdline", std::ios::binary);
        std::string cmdline((std::istreambuf_iterator<char>(in)), {});
        std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
        if (cmdline.find("sanad-server") != std::string::npos &&
            cmdline.find(" " + dataDir + " ") != std::string::npos) {
            return std::stoi(name);
        }
    }
    throw std::runtime_error("the server's process was not found");
}

/// utime + stime of a process, in seconds.
double cpuSeconds(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), {});
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14 || i == 15) {
            ticks += std::stod(field);
        }
    }
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

struct Page {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    std::unique_ptr<WebSocket> socket;
    std::int64_t position = 0;
};

/// The position in a status frame, or -1 for any other frame (a ping is answered).
std::int64_t readPosition(Page& page) {
    char buffer[4096];
    int flags = 0;
    const int n = page.socket->receiveFrame(buffer, sizeof buffer, flags);
    const int opcode = flags & WebSocket::FRAME_OP_BITMASK;
    if (opcode == WebSocket::FRAME_OP_PING) {
        page.socket->sendFrame(
            buffer, n, static_cast<int>(WebSocket::FRAME_FLAG_FIN) | WebSocket::FRAME_OP_PONG);
        return -1;
    }
    if (opcode != WebSocket::FRAME_OP_TEXT) {
        throw std::runtime_error("a page's socket ended");
    }
    Poco::JSON::Parser parser;
    const auto o = parser.parse(std::string(buffer, static_cast<std::size_t>(n)))
                       .extract<Poco::JSON::Object::Ptr>();
    if (o->getValue<std::string>("type") != "status" || o->isNull("position")) {
        return -1;
    }
    return o->getValue<std::int64_t>("position");
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const int pages = argc > 1 ? std::stoi(argv[1]) : 500;
        const int rounds = argc > 2 ? std::stoi(argv[2]) : 5;
        sanad::test::ServerProcess server({}, "", /*demo=*/false);
        const std::string token = server.addDevice("Bench");
        sanad::test::Client desk(server.port(), token);
        const sanad::core::Bytes key = *sanad::core::fromHex(
            codec::decodeConfigResponse(desk.get("/api/config").body).practiceKey);
        auto walkIn = [&] {
            sanad::core::DeskCheckIn in;
            in.ticketId = sanad::core::newUuidV4();
            in.queueId = "general";
            in.checkedInAt = sanad::core::now();
            const auto r =
                desk.post("/api/desk/check-in", codec::encode(in), sanad::core::newUuidV4());
            if (r.status != 201) {
                throw std::runtime_error("check-in answered " + std::to_string(r.status));
            }
            return codec::decodeCheckInResponse(r.body).ticket;
        };
        std::vector<sanad::core::Ticket> heads;
        for (int i = 0; i < rounds; ++i) {
            heads.push_back(walkIn());
        }
        std::vector<Page> open(static_cast<std::size_t>(pages));
        Poco::Net::PollSet poll;
        std::map<Poco::Net::Socket, std::size_t> index;
        for (std::size_t i = 0; i < open.size(); ++i) {
            const sanad::core::Ticket t = walkIn();
            Page& page = open[i];
            page.session =
                std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", server.port());
            Poco::Net::HTTPRequest request(
                Poco::Net::HTTPRequest::HTTP_GET,
                "/api/public/live/" + sanad::core::statusToken(key, t.id),
                Poco::Net::HTTPMessage::HTTP_1_1);
            Poco::Net::HTTPResponse response;
            page.socket = std::make_unique<WebSocket>(*page.session, request, response);
            page.socket->setReceiveTimeout(Poco::Timespan(10, 0));
            while ((page.position = readPosition(page)) < 0) {
            }
            poll.add(*page.socket, Poco::Net::PollSet::POLL_READ);
            index.emplace(*page.socket, i);
        }
        const int pid = serverPid(server.dataDir());
        std::printf("%d status pages open on one queue; %d rounds (head of the line cancelled)\n",
                    pages, rounds);
        std::vector<double> maxima, medians, cpus;
        for (int r = 0; r < rounds; ++r) {
            const double cpuBefore = cpuSeconds(pid);
            const auto start = Clock::now();
            const auto& head = heads[static_cast<std::size_t>(r)];
            const auto answer = desk.post("/api/tickets/" + head.id + "/transitions",
                                          codec::encode(sanad::core::Transition{
                                              sanad::core::TicketStatus::Cancelled, head.version,
                                              sanad::core::now(), std::nullopt, false}),
                                          sanad::core::newUuidV4());
            if (answer.status != 200) {
                throw std::runtime_error("the cancel answered " + std::to_string(answer.status));
            }
            std::vector<double> seen;
            while (seen.size() < open.size()) {
                const auto ready = poll.poll(Poco::Timespan(10, 0));
                if (ready.empty()) {
                    throw std::runtime_error("pages stopped hearing (" +
                                             std::to_string(seen.size()) + " of " +
                                             std::to_string(open.size()) + ")");
                }
                for (const auto& [socket, mode] : ready) {
                    Page& page = open[index.at(socket)];
                    const std::int64_t position = readPosition(page);
                    if (position >= 0 && position == page.position - 1) {
                        page.position = position;
                        seen.push_back(
                            std::chrono::duration<double, std::milli>(Clock::now() - start)
                                .count());
                    }
                }
            }
            cpus.push_back(cpuSeconds(pid) - cpuBefore);
            maxima.push_back(*std::max_element(seen.begin(), seen.end()));
            medians.push_back(median(seen));
            std::printf(
                "round %d: all %zu pages saw the move: median %.1f ms, max %.1f ms; "
                "server CPU %.3f s\n",
                r + 1, seen.size(), medians.back(), maxima.back(), cpus.back());
        }
        std::printf(
            "over %d rounds: time for all %d pages median %.1f ms, max %.1f ms; server "
            "CPU per move median %.3f s, max %.3f s\n",
            rounds, pages, median(maxima), *std::max_element(maxima.begin(), maxima.end()),
            median(cpus), *std::max_element(cpus.begin(), cpus.end()));
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "sanad-bench-public-live: " << e.what() << "\n";
        return 1;
    }
}
