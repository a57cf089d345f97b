#include "sanad/server/server_app.h"

#include <Poco/Net/Net.h>

int main(int argc, char** argv) {
    // Windows: Poco's automatic Winsock start-up is compiled out for MinGW (WINDOWS.md).
    Poco::Net::initializeNetwork();
    sanad::server::ServerApp app;
    return app.run(argc, argv);
}
