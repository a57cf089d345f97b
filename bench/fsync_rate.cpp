// The machine's raw durable-write rate: write 1 KiB + fdatasync in a loop for two seconds, in the
// data folder the server would use. It caps a server that commits each request on its own.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? argv[1] : ".";
    const std::string path = dir + "/fsync-probe.bin";
    const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
    if (fd < 0) {
        std::perror("open");
        return 1;
    }
    char block[1024] = {};
    const auto start = std::chrono::steady_clock::now();
    long count = 0;
    while (std::chrono::steady_clock::now() - start < std::chrono::seconds(2)) {
        if (::pwrite(fd, block, sizeof block, 0) != static_cast<ssize_t>(sizeof block) ||
            ::fdatasync(fd) != 0) {
            std::perror("write");
            return 1;
        }
        ++count;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ::close(fd);
    ::unlink(path.c_str());
    std::printf("RESULT fsyncs_per_s=%.0f\n", static_cast<double>(count) / seconds);
    return 0;
}
