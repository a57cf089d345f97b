#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace sanad::server {

/// Everything `sanad-server` is told on its command line.
struct ServerOptions {
    std::string dataDir;      // holds sanad.db (tickets, devices, keys, …): SQLite, the default
    std::string databaseUrl;  // --db postgresql://…: PostgreSQL instead (several instances)
    std::string redis;        // --redis HOST:PORT: live changes across instances
    std::string bindAddress = "127.0.0.1";
    std::uint16_t port = 8080;
    bool demo = false;  // seed demo queues, tickets and cards once
    bool stopOnStdinEof =
        false;  // the console's demo server ends with the console, however it ends
    std::chrono::seconds checkinWindow{300};
    std::chrono::hours idempotencyRetention{72};
    std::chrono::seconds purgeInterval{600};  // how often expired idempotency records go
    std::string tlsCertFile;                  // both set: serve HTTPS/WSS only
    std::string tlsKeyFile;
    int maxThreads = 128;  // HTTP worker threads (REST only: live sockets have their own)
    std::chrono::milliseconds liveHeartbeat{10000};  // server pings; two silent ones close
    int liveThreads = 2;                             // threads serving the live sockets
    std::string publicUrl;  // --public-url: where patients' phones and displays reach us
};

}  // namespace sanad::server
