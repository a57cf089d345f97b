// Test helper: enqueues outbox rows into DIR/console.db as fast as it can and prints each id
// (flushed) only after enqueue() has returned. The crash test SIGKILLs it at random moments.
#include "sanad/core/console_store.h"
#include "sanad/core/uuid.h"

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: store_crash_child DIR\n");
        return 2;
    }
    sanad::core::ConsoleStore store(argv[1]);
    for (long i = 0;; ++i) {
        sanad::core::OfflineRequest row;
        row.id = sanad::core::newUuidV4();
        row.endpoint = "/api/nfc/check-in";
        row.body = "{\"n\":" + std::to_string(i) + ",\"id\":\"" + row.id + "\"}";
        row.ticketId = sanad::core::newUuidV4();
        row.createdAt = sanad::core::now();
        store.enqueue(row);
        std::printf("%s\n", row.id.c_str());
        std::fflush(stdout);
    }
}
