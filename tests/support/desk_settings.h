#pragma once

#include "sanad/core/console_core.h"

#include <chrono>
#include <string>

namespace sanad::test {

/// A desk's settings for the integration tests: the server behind `serverUrl` (a FaultProxy
/// usually), short timeouts so an outage shows quickly, the data folder `dataDir`.
inline core::ConsoleSettings deskSettings(const std::string& serverUrl, const std::string& token,
                                          const std::string& dataDir,
                                          std::chrono::milliseconds readTimeout) {
    core::ConsoleSettings s;
    s.client.serverUrl = serverUrl;
    s.client.token = token;
    s.client.connectTimeout = std::chrono::milliseconds(500);
    s.client.readTimeout = readTimeout;
    s.dataDir = dataDir;
    return s;
}

}  // namespace sanad::test
