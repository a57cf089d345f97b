#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Process.h>

#include "temp_dir.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sanad::test {

/// A fresh, empty PostgreSQL database on the test cluster (tests/services/postgres.sh), dropped
/// when the object goes. `base` is the cluster's URL without a database name.
class TestDatabase {
public:
    explicit TestDatabase(std::string base);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;
    const std::string& url() const { return url_; }
    /// Runs one SQL statement (psql) and returns its output, unaligned, without headers.
    std::string exec(const std::string& sql) const;

private:
    std::string base_, name_, url_;
};

struct ProcessResult;

/// The engine the integration suite runs on: SANAD_TEST_DB names a PostgreSQL cluster
/// (postgresql://sanad@127.0.0.1:PORT); unset means SQLite files. The suite runs once per engine.
std::string testDatabaseCluster();

/// A real `sanad-server` process on 127.0.0.1 with a data folder of its own (or a given one).
/// Starts on a free port (--port 0) and learns the port from its first stdout line. With
/// SANAD_TEST_DB set (and no `--db` of the caller's), it runs on a fresh PostgreSQL database of its
/// own instead of the SQLite file; `--db URL` in `extraArgs` shares a database between instances.
class ServerProcess {
public:
    /// `extraArgs` are appended to `--port 0 --data DIR --demo` (or `--db URL`); a `--port N`
    /// among them replaces `--port 0` (and restart() keeps it).
    explicit ServerProcess(std::vector<std::string> extraArgs = {}, std::string dataDir = "",
                           bool demo = true);
    ~ServerProcess();

    const std::string& dataDir() const { return dataDir_; }
    /// True when it runs on PostgreSQL (its own test database or a shared one).
    bool onPostgres() const { return !dbUrl_.empty(); }
    /// Runs one SQL statement on its database, whichever the engine (sqlite3 or psql).
    void execSql(const std::string& sql) const;
    std::uint16_t port() const { return port_; }
    std::string baseUrl() const;

    /// Registers a device with `sanad-server device add NAME [extraArgs…]` (e.g. `--role
    /// display`) and returns its token.
    std::string addDevice(const std::string& name, std::vector<std::string> extraArgs = {}) const;
    /// Runs `sanad-server ARGS… --data DIR` (or `--db URL`) on this server's database, as the
    /// admin does beside the running server: its output and exit code.
    ProcessResult admin(std::vector<std::string> args) const;

    /// SIGTERM and wait; returns the exit code.
    int stop();
    /// SIGKILL and wait.
    void kill();
    /// Starts it again on the same data folder: on a new port, or on the same one (a server that
    /// comes back where the console expects it).
    void restart(bool samePort = false);

    static std::string binary();

private:
    void start();

    std::unique_ptr<TempDir> ownDir_;
    std::unique_ptr<TestDatabase> ownDatabase_;
    std::string dataDir_;
    std::string dbUrl_;
    std::vector<std::string> args_;
    std::unique_ptr<Poco::ProcessHandle> handle_;
    std::uint16_t port_ = 0;
    bool samePort_ = false;
    bool demo_;
};

/// Runs a program to its end; its stdout, stderr and exit code.
struct ProcessResult {
    int rc = 0;
    std::string out;
    std::string err;
};
ProcessResult runProcess(const std::string& binary, const std::vector<std::string>& args);

/// A throwaway self-signed certificate for localhost and 127.0.0.1 (openssl CLI), written to
/// DIR/cert.pem and DIR/key.pem. Throws when openssl fails.
struct TestCertificate {
    std::string cert;
    std::string key;
};
TestCertificate makeTestCertificate(const std::string& dir);

struct HttpResult {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
    bool has(const std::string& name) const { return headers.contains(name); }
};

/// One keep-alive connection to a server, for tests. Not thread-safe: one per thread.
class Client {
public:
    Client(std::uint16_t port, std::string token = "");
    HttpResult get(const std::string& path);
    /// POST with Content-Type application/json (unless `contentType` says otherwise).
    HttpResult post(const std::string& path, const std::string& body,
                    const std::string& idempotencyKey = "",
                    const std::string& contentType = "application/json");
    HttpResult request(const std::string& method, const std::string& path, const std::string& body,
                       const std::map<std::string, std::string>& headers);
    void setToken(std::string token) { token_ = std::move(token); }
    /// How long connecting, sending or waiting for an answer may take (30 s unless told).
    void setTimeout(Poco::Timespan timeout) { session_.setTimeout(timeout); }

private:
    Poco::Net::HTTPClientSession session_;
    std::string token_;
};

}  // namespace sanad::test
