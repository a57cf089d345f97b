#include "fault_proxy.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

namespace sanad::test {

FaultProxy::FaultProxy(std::uint16_t targetPort)
    : listener_(Poco::Net::SocketAddress("127.0.0.1", 0), 64),
      port_(listener_.address().port()),
      target_(targetPort) {
    acceptor_ = std::thread([this] { acceptLoop(); });
}

FaultProxy::~FaultProxy() {
    stop_ = true;
    listener_.close();
    acceptor_.join();
    std::lock_guard lock(threadsMutex_);
    for (std::thread& t : threads_) {
        t.join();
    }
}

void FaultProxy::acceptLoop() {
    while (!stop_) {
        try {
            if (!listener_.poll(Poco::Timespan(0, 50000), Poco::Net::Socket::SELECT_READ)) {
                continue;
            }
            Poco::Net::StreamSocket client = listener_.acceptConnection();
            ++accepted_;
            std::lock_guard lock(threadsMutex_);
            threads_.emplace_back([this, client] { serve(client); });
        } catch (const Poco::Exception&) {
            if (stop_) {
                return;
            }
        }
    }
}

void FaultProxy::serve(Poco::Net::StreamSocket client) {
    auto reset = [](Poco::Net::StreamSocket& s) {
        try {
            s.setLinger(true, 0);  // close with RST
            s.close();
        } catch (const Poco::Exception&) {
        }
    };
    Poco::Net::StreamSocket server;
    bool connected = false;
    char buffer[16384];
    bool answered = false;
    while (!stop_) {
        const Mode mode = mode_;
        if (mode == Mode::Refuse) {
            reset(client);
            if (connected)
                reset(server);
            return;
        }
        try {
            if (mode == Mode::Blackhole) {
                if (client.poll(Poco::Timespan(0, 50000), Poco::Net::Socket::SELECT_READ)) {
                    if (client.receiveBytes(buffer, sizeof buffer) <= 0)
                        return;
                }
                continue;
            }
            if (mode == Mode::ServerError || mode == Mode::Unavailable || mode == Mode::Garbage) {
                if (client.poll(Poco::Timespan(0, 50000), Poco::Net::Socket::SELECT_READ)) {
                    if (client.receiveBytes(buffer, sizeof buffer) <= 0)
                        return;
                    std::string status = "HTTP/1.1 201 Created";
                    std::string body = "<html>proxy login page</html>";
                    std::string extra;
                    if (mode == Mode::ServerError) {
                        status = "HTTP/1.1 500 Internal Server Error";
                        body = R"({"error":"internal","message":"storage failed"})";
                    } else if (mode == Mode::Unavailable) {
                        status = "HTTP/1.1 503 Service Unavailable";
                        body = R"({"error":"unavailable","message":"try later"})";
                        if (retryAfterS_ > 0) {
                            extra = "\r\nRetry-After: " + std::to_string(retryAfterS_.load());
                        }
                    }
                    const std::string answer = status + extra +
                                               "\r\nConnection: close\r\nContent-Type: "
                                               "application/json\r\nContent-Length: " +
                                               std::to_string(body.size()) + "\r\n\r\n" + body;
                    client.sendBytes(answer.data(), static_cast<int>(answer.size()));
                    // One answer per connection: a request's body may still be on its way.
                    client.shutdownSend();
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                    client.close();
                    return;
                }
                continue;
            }
            if (!connected) {
                server.connect(Poco::Net::SocketAddress("127.0.0.1", target_.load()),
                               Poco::Timespan(2, 0));
                connected = true;
            }
            if (delayMs_ > 0 && mode == Mode::Delay) {
                std::this_thread::sleep_for(std::chrono::milliseconds(delayMs_.load()));
            }
            if (client.poll(Poco::Timespan(0, 20000), Poco::Net::Socket::SELECT_READ)) {
                if (mode_ != mode) {
                    continue;  // the mode changed while we waited: handle the bytes under the new
                               // one
                }
                const int n = client.receiveBytes(buffer, sizeof buffer);
                if (n <= 0)
                    break;
                server.sendBytes(buffer, n);
                answered = false;
            }
            if (server.poll(Poco::Timespan(0, 20000), Poco::Net::Socket::SELECT_READ)) {
                const int n = server.receiveBytes(buffer, sizeof buffer);
                if (n <= 0)
                    break;
                if (mode == Mode::ResetMidResponse && !answered) {
                    client.sendBytes(buffer, std::min(n, 12));  // "HTTP/1.1 201" and no more
                    reset(client);
                    reset(server);
                    return;
                }
                client.sendBytes(buffer, n);
                answered = true;
            }
        } catch (const Poco::Exception&) {
            break;
        }
    }
    try {
        client.close();
        if (connected)
            server.close();
    } catch (const Poco::Exception&) {
    }
}

}  // namespace sanad::test
