// Issue 14 benchmark: how long after a GDT file lands in the exchange folder (renamed in, as a
// practice system does it) the console hears of its patient (GdtListener::patientsImported), with
// the watcher's default options (200 ms poll). Target: shown < 1 s after it lands. Prints figures.
//   sanad-bench-gdt-import [FILES]   (default 50)
#include "sanad/core/gdt_watcher.h"
#include "temp_dir.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

struct Imports : sanad::core::GdtListener {
    void patientsImported(const std::string&,
                          const std::vector<sanad::core::GdtPatient>&) override {
        std::lock_guard lock(mutex);
        times.push_back(Clock::now());
        changed.notify_all();
    }
    void gdtRejected(const std::string&, const std::string& reason) override {
        std::fprintf(stderr, "rejected: %s\n", reason.c_str());
    }
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Clock::time_point> times;
};

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

}  // namespace

int main(int argc, char** argv) {
    const int files = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
    std::string sample;
    {
        Poco::FileInputStream in(SANAD_GDT_SAMPLES "/SANAD_PVS_1.gdt",
                                 std::ios::in | std::ios::binary);
        Poco::StreamCopier::copyToString(in, sample);
    }
    sanad::test::TempDir dir;
    const std::string exchange = dir.path() + "/exchange";
    const std::string staging = dir.path() + "/staging";
    Poco::File(exchange).createDirectories();
    Poco::File(staging).createDirectories();

    Imports imports;
    sanad::core::GdtWatcher watcher(exchange, &imports);  // the console's options
    watcher.start();
    std::vector<double> latencies;
    for (int i = 0; i < files; ++i) {
        const std::string name = "bench" + std::to_string(i) + ".gdt";
        {
            Poco::FileOutputStream out(staging + "/" + name, std::ios::out | std::ios::binary);
            out << sample;
        }
        const auto landed = Clock::now();
        Poco::File(staging + "/" + name).renameTo(exchange + "/" + name);
        std::unique_lock lock(imports.mutex);
        if (!imports.changed.wait_for(lock, 10s,
                                      [&] { return imports.times.size() > latencies.size(); })) {
            std::fprintf(stderr, "file %d never arrived\n", i);
            return 1;
        }
        latencies.push_back(ms(imports.times.back() - landed));
        lock.unlock();
        // Land the next one at another phase of the poll (i × 37 ms mod 200 ms: spread evenly).
        std::this_thread::sleep_for(std::chrono::milliseconds((i * 37) % 200));
    }
    watcher.stop();
    std::sort(latencies.begin(), latencies.end());
    std::printf(
        "gdt import: %d files, land (rename) to listener: min %.1f ms, median %.1f ms, "
        "max %.1f ms (target < 1000 ms; poll 200 ms)\n",
        files, latencies.front(), latencies[latencies.size() / 2], latencies.back());
    return 0;
}
