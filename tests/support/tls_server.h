#pragma once

#include "server_process.h"
#include "temp_dir.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>

#include <map>
#include <string>

namespace sanad::test {

/// A real sanad-server serving HTTPS/WSS only, with a throwaway certificate, a registered device
/// and a client context that trusts that certificate. OpenSSL is initialised for its lifetime.
/// Not thread-safe: one test at a time.
class TlsServer {
public:
    TlsServer()
        : certificate_(makeTestCertificate(certs_.path())),
          server_({"--tls-cert", certificate_.cert, "--tls-key", certificate_.key}),
          token_(server_.addDevice("Empfang TLS")) {
        Poco::Net::initializeSSL();
        trusting_ = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "",
                                           certificate_.cert, Poco::Net::Context::VERIFY_STRICT);
    }
    ~TlsServer() {
        trusting_.reset();
        Poco::Net::uninitializeSSL();
    }
    TlsServer(const TlsServer&) = delete;
    TlsServer& operator=(const TlsServer&) = delete;

    std::uint16_t port() const { return server_.port(); }
    const std::string& token() const { return token_; }
    /// A client context that verifies the server against the test certificate.
    Poco::Net::Context::Ptr trusting() const { return trusting_; }

    /// One request over a fresh HTTPS connection, with the device's token.
    HttpResult request(const std::string& method, const std::string& path,
                       const std::string& body = "",
                       const std::map<std::string, std::string>& headers = {}) const {
        Poco::Net::HTTPSClientSession session("localhost", port(), trusting_);
        Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Authorization", "Bearer " + token_);
        for (const auto& [name, value] : headers) {
            request.set(name, value);
        }
        if (!body.empty()) {
            request.setContentLength64(static_cast<Poco::Int64>(body.size()));
        }
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        HttpResult result;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), result.body);
        result.status = response.getStatus();
        return result;
    }

private:
    TempDir certs_;
    TestCertificate certificate_;
    ServerProcess server_;
    std::string token_;
    Poco::Net::Context::Ptr trusting_;
};

}  // namespace sanad::test
