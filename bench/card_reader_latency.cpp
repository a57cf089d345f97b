// Issue 5 benchmark: how long after pcscd reports a card our monitor reports the tap (target
// < 20 ms), and the CPU the monitor uses while idle with readers attached (target near 0).
// Runs a private pcscd with the vpcd reader and our card emulator (tests/support). Prints figures.
//   sanad-bench-card-reader [TAPS]   (default 10)
#include "sanad/core/card_reader.h"
#include "sanad/core/crypto.h"
#include "virtual_pcsc.h"

#include <PCSC/winscard.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

struct Taps : sanad::core::CardReaderListener {
    void cardTapped(const std::string&, const std::string&) override {
        std::lock_guard lock(mutex);
        times.push_back(Clock::now());
        changed.notify_all();
    }
    void readerAdded(const std::string&) override {
        std::lock_guard lock(mutex);
        ++readers;
        changed.notify_all();
    }
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Clock::time_point> times;
    int readers = 0;
};

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/// Waits, with a context of its own, until pcscd says a card is present on `reader`.
Clock::time_point pcscdSeesCard(SCARDCONTEXT context, const char* reader) {
    SCARD_READERSTATE state{};
    state.szReader = reader;
    state.dwCurrentState = SCARD_STATE_UNAWARE;
    SCardGetStatusChange(context, 0, &state, 1);
    while (!(state.dwEventState & SCARD_STATE_PRESENT)) {
        state.dwCurrentState = state.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
        SCardGetStatusChange(context, 5000, &state, 1);
    }
    return Clock::now();
}

}  // namespace

int main(int argc, char** argv) {
    const int taps = argc > 1 ? std::stoi(argv[1]) : 10;
    std::string why;
    if (!sanad::test::PcscdProcess::available(why)) {
        std::fprintf(stderr, "cannot run: %s\n", why.c_str());
        return 1;
    }
    sanad::test::PcscdProcess pcscd;
    const sanad::core::Bytes key(32, 7);
    Taps listener;
    auto reader = sanad::core::makePcscCardReader(
        [&](std::span<const std::uint8_t> uid) { return sanad::core::cardRef(key, uid); },
        &listener, sanad::core::PcscOptions{1ms, 200ms});
    reader->start();
    {
        std::unique_lock lock(listener.mutex);
        listener.changed.wait_for(lock, 10s, [&] { return listener.readers >= 2; });
    }
    SCARDCONTEXT observer = 0;
    SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &observer);
    const std::string name = sanad::test::PcscdProcess::readerName(0);

    std::vector<double> latencies;
    for (int i = 0; i < taps; ++i) {
        sanad::test::VirtualCard card(pcscd.vpcdPort(0),
                                      {0x04, 0x20, static_cast<std::uint8_t>(i), 0x33, 0x44});
        std::size_t before = 0;
        {
            std::lock_guard lock(listener.mutex);
            before = listener.times.size();
        }
        card.insert();
        const Clock::time_point seen = pcscdSeesCard(observer, name.c_str());
        std::unique_lock lock(listener.mutex);
        if (!listener.changed.wait_for(lock, 5s, [&] { return listener.times.size() > before; })) {
            std::fprintf(stderr, "tap %d was not reported\n", i);
            return 1;
        }
        latencies.push_back(
            std::chrono::duration<double, std::milli>(listener.times.back() - seen).count());
        lock.unlock();
        card.remove();
        std::this_thread::sleep_for(600ms);  // pcscd polls vpcd every 400 ms
    }
    SCardReleaseContext(observer);
    std::sort(latencies.begin(), latencies.end());
    std::printf(
        "tap-to-event after pcscd reports the card: %d taps, p50 %.2f ms, max %.2f ms "
        "(connect + GET DATA + disconnect included)\n",
        taps, latencies[latencies.size() / 2], latencies.back());

    // Idle: readers attached, no card, 5 s.
    const double cpu0 = cpuSeconds();
    const auto t0 = Clock::now();
    std::this_thread::sleep_for(5s);
    const double cpu = cpuSeconds() - cpu0;
    const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("idle with 2 readers attached: %.3f ms CPU per second (%.4f%% of one core)\n",
                cpu * 1000 / wall, cpu * 100 / wall);
    reader->stop();
    return 0;
}
