#include "sanad/server/server_app.h"

int main(int argc, char** argv) {
    sanad::server::ServerApp app;
    return app.run(argc, argv);
}
