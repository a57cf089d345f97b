#include "server_process.h"

#include <Poco/URI.h>
#include <cctype>
#include <cstdlib>

#include <Poco/File.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/UUIDGenerator.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <sys/wait.h>

namespace sanad::test {

std::string ServerProcess::binary() {
    return SANAD_SERVER_BINARY;
}

std::string testDatabaseCluster() {
    const char* base = std::getenv("SANAD_TEST_DB");
    return base != nullptr ? std::string(base) : std::string();
}

TestDatabase::TestDatabase(std::string base) : base_(std::move(base)) {
    while (!base_.empty() && base_.back() == '/') {
        base_.pop_back();
    }
    TempDir unique;  // a random name, as the folders get
    name_ = "t_" + unique.path().substr(unique.path().find_last_of("/\\") + 1);
    for (char& c : name_) {
        c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    }
    Poco::URI uri(base_);
    uri.setPath("/postgres");
    const ProcessResult r = runProcess(
        "psql", {uri.toString(), "-v", "ON_ERROR_STOP=1", "-qc", "CREATE DATABASE " + name_});
    if (r.rc != 0) {
        throw std::runtime_error("cannot create a test database on " + base_ + " (is " +
                                 "tests/services/postgres.sh running?): " + r.out);
    }
    url_ = base_ + "/" + name_;
}

TestDatabase::~TestDatabase() {
    Poco::URI uri(base_);
    uri.setPath("/postgres");
    runProcess("psql",
               {uri.toString(), "-qc", "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"});
}

std::string TestDatabase::exec(const std::string& sql) const {
    const ProcessResult r = runProcess("psql", {url_, "-v", "ON_ERROR_STOP=1", "-qAtc", sql});
    if (r.rc != 0) {
        throw std::runtime_error("psql failed: " + r.out);
    }
    return r.out;
}

ServerProcess::ServerProcess(std::vector<std::string> extraArgs, std::string dataDir, bool demo)
    : args_(std::move(extraArgs)), demo_(demo) {
    if (dataDir.empty()) {
        ownDir_ = std::make_unique<TempDir>();
        dataDir_ = ownDir_->path() + "/data";
    } else {
        dataDir_ = std::move(dataDir);
    }
    for (std::size_t i = 0; i + 1 < args_.size(); ++i) {
        if (args_[i] == "--db") {
            dbUrl_ = args_[i + 1];
        }
    }
    if (dbUrl_.empty() && !testDatabaseCluster().empty()) {
        ownDatabase_ = std::make_unique<TestDatabase>(testDatabaseCluster());
        dbUrl_ = ownDatabase_->url();
        args_.insert(args_.begin(), {"--db", dbUrl_});
    }
    start();
}

void ServerProcess::execSql(const std::string& sql) const {
    if (onPostgres()) {
        const ProcessResult r = runProcess("psql", {dbUrl_, "-v", "ON_ERROR_STOP=1", "-qc", sql});
        if (r.rc != 0) {
            throw std::runtime_error("psql failed: " + r.out);
        }
        return;
    }
    const ProcessResult r =
        runProcess("sqlite3", {"-cmd", ".timeout 5000", dataDir_ + "/sanad.db", sql});
    if (r.rc != 0) {
        throw std::runtime_error("sqlite3 failed: " + r.out);
    }
}

ServerProcess::~ServerProcess() {
    if (handle_) {
        try {
            stop();
        } catch (...) {
            kill();
        }
    }
}

std::string ServerProcess::baseUrl() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}

void ServerProcess::start() {
    const std::string port = samePort_ ? std::to_string(port_) : "0";
    // A `--port` of the caller's (a port named in --public-url beforehand) replaces ours.
    const bool ownPort = std::find(args_.begin(), args_.end(), "--port") != args_.end();
    std::vector<std::string> args{"--log-level", "warning"};
    if (!ownPort) {
        args.insert(args.begin(), {"--port", port});
    }
    if (dbUrl_.empty()) {
        args.insert(args.end(), {"--data", dataDir_});
    }
    if (demo_) {
        args.push_back("--demo");
    }
    args.insert(args.end(), args_.begin(), args_.end());
    Poco::Pipe out;
    handle_ = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch(binary(), args, nullptr, &out, nullptr));
    Poco::PipeInputStream stream(out);
    std::string line;
    // "sanad-server listening on http://127.0.0.1:PORT"
    if (!std::getline(stream, line)) {
        const int rc = handle_->wait();
        handle_.reset();
        throw std::runtime_error("sanad-server exited with " + std::to_string(rc) +
                                 " before listening");
    }
    port_ = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
}

ProcessResult ServerProcess::admin(std::vector<std::string> args) const {
    args.insert(args.end(),
                {dbUrl_.empty() ? "--data" : "--db", dbUrl_.empty() ? dataDir_ : dbUrl_});
    return runProcess(binary(), args);
}

std::string ServerProcess::addDevice(const std::string& name,
                                     std::vector<std::string> extraArgs) const {
    extraArgs.insert(extraArgs.begin(), {"device", "add", name});
    const ProcessResult r = admin(std::move(extraArgs));
    if (r.rc != 0) {
        throw std::runtime_error("device add failed (exit " + std::to_string(r.rc) + "): " + r.out +
                                 r.err);
    }
    std::string text = r.out;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    return text.substr(text.find_last_of(" \n") + 1);
}

int ServerProcess::stop() {
    if (!handle_) {
        return -1;
    }
    ::kill(handle_->id(), SIGTERM);
    const int rc = handle_->wait();
    handle_.reset();
    return rc;
}

void ServerProcess::kill() {
    if (!handle_) {
        return;
    }
    ::kill(handle_->id(), SIGKILL);
    handle_->wait();
    handle_.reset();
}

void ServerProcess::restart(bool samePort) {
    if (handle_) {
        stop();
    }
    samePort_ = samePort;
    start();
}

ProcessResult runProcess(const std::string& binary, const std::vector<std::string>& args) {
    Poco::Pipe out;
    Poco::Pipe err;
    Poco::ProcessHandle h = Poco::Process::launch(binary, args, nullptr, &out, &err);
    ProcessResult result;
    // stderr on a thread of its own: a child that fills one pipe while we wait on the other
    // would never end.
    std::thread errors([&] {
        Poco::PipeInputStream stream(err);
        Poco::StreamCopier::copyToString(stream, result.err);
    });
    Poco::PipeInputStream stream(out);
    Poco::StreamCopier::copyToString(stream, result.out);
    errors.join();
    result.rc = h.wait();
    return result;
}

TestCertificate makeTestCertificate(const std::string& dir) {
    TestCertificate made{dir + "/cert.pem", dir + "/key.pem"};
    const std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
        "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
        made.key + " -out " + made.cert + " 2>/dev/null";
    if (std::system(command.c_str()) != 0) {
        throw std::runtime_error("openssl could not make a test certificate");
    }
    return made;
}

Client::Client(std::uint16_t port, std::string token)
    : session_("127.0.0.1", port), token_(std::move(token)) {
    session_.setKeepAlive(true);
    session_.setTimeout(Poco::Timespan(30, 0));
}

HttpResult Client::get(const std::string& path) {
    return request("GET", path, "", {});
}

HttpResult Client::post(const std::string& path, const std::string& body,
                        const std::string& idempotencyKey, const std::string& contentType) {
    std::map<std::string, std::string> headers;
    if (!idempotencyKey.empty()) {
        headers["X-Idempotency-Key"] = idempotencyKey;
    }
    if (!contentType.empty()) {
        headers["Content-Type"] = contentType;
    }
    return request("POST", path, body, headers);
}

HttpResult Client::request(const std::string& method, const std::string& path,
                           const std::string& body,
                           const std::map<std::string, std::string>& headers) {
    for (int attempt = 0;; ++attempt) {
        try {
            Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
            req.setKeepAlive(true);
            if (!token_.empty()) {
                req.set("Authorization", "Bearer " + token_);
            }
            for (const auto& [name, value] : headers) {
                req.set(name, value);
            }
            if (method == "POST" || method == "PUT" || !body.empty()) {
                req.setContentLength64(static_cast<Poco::Int64>(body.size()));
            }
            std::ostream& out = session_.sendRequest(req);
            out.write(body.data(), static_cast<std::streamsize>(body.size()));
            Poco::Net::HTTPResponse res;
            std::istream& in = session_.receiveResponse(res);
            HttpResult result;
            result.status = res.getStatus();
            Poco::StreamCopier::copyToString(in, result.body);
            for (const auto& [name, value] : res) {
                result.headers[name] = value;
            }
            return result;
        } catch (const Poco::Exception&) {
            // A kept-alive connection the server closed: one fresh try.
            session_.reset();
            if (attempt > 0) {
                throw;
            }
        }
    }
}

}  // namespace sanad::test
