#pragma once

// The PVS exchange folder (DESIGN.md, "Practice system (PVS) import"): a thread that picks up the
// GDT files a practice system drops there, reports their patients and deletes them; a broken file
// is moved to `rejected/` with the reason in the log. Used by the console and `sanad-cli gdt
// watch`.

#include "sanad/core/gdt.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sanad::core {

/// What the watcher reports. Called on the watcher thread, never under a lock, one call at a
/// time; must not block for long (the UI adapter only hops threads). An exception it throws is
/// caught and logged (without its text: it may hold patient data), never escapes the thread.
class GdtListener {
public:
    virtual ~GdtListener() = default;
    /// A file was read: its patients (one per 6301 record, at least one). `file` is the file's
    /// name inside the folder. The file is deleted right after this call returns.
    virtual void patientsImported(const std::string& file,
                                  const std::vector<GdtPatient>& patients) = 0;
    /// A broken file, moved to `rejected/` (a name taken there gets a suffix: NAME-2.gdt):
    /// nothing of it was imported. `reason` holds no patient data.
    virtual void gdtRejected(const std::string& file, const std::string& reason) = 0;
};

struct GdtWatcherOptions {
    /// How often the folder is looked at. A file is read once it was the same (size and time)
    /// on two looks in a row, so it is reported one to two polls after it lands.
    std::chrono::milliseconds pollInterval{200};
    /// A file that ends mid-line, or whose last record is shorter than its 8100 says, may still
    /// be being written: it is read again on later polls and judged only once it has not changed
    /// for this long (then rejected, or, when only 8100 was wrong, imported with a warning).
    std::chrono::milliseconds settleTime{3000};
};

/// Watches one folder for `*.gdt` (any case). Thread-safety: start() and stop() are called from
/// one thread (the owner's); folder() and passes() from any. The listener is called only on the
/// watcher's own thread, and never after stop() returned.
class GdtWatcher {
public:
    GdtWatcher(std::string folder, GdtListener* listener, GdtWatcherOptions options = {});
    ~GdtWatcher();  // stops
    GdtWatcher(const GdtWatcher&) = delete;
    GdtWatcher& operator=(const GdtWatcher&) = delete;

    /// Starts the thread; a second call while running does nothing. A missing folder is no
    /// error: it is logged once and looked for again on every poll.
    void start();
    /// Wakes the thread and joins it: returns within one file's handling, never a poll late.
    void stop();

    const std::string& folder() const { return folder_; }
    /// Completed looks at the folder so far: tests wait on it instead of on the clock.
    std::uint64_t passes() const;

private:
    /// What is left to do with a file already reported (its delete or move failed).
    enum class Leftover { None, Delete, Move };
    struct Seen {
        std::uint64_t size = 0;
        std::int64_t modified = 0;                    // µs since the epoch
        std::chrono::steady_clock::time_point since;  // unchanged since
        Leftover leftover = Leftover::None;
    };
    void run();
    void pass();
    /// Reads a stable file, reports it, deletes or moves it; false when it is gone for good.
    bool handle(const std::string& name, Seen& seen);
    /// Deletes the file or moves it to rejected/; false (and `leftover` set) when that failed.
    bool dispose(const std::string& name, Seen& seen, Leftover what);
    std::string pathOf(const std::string& name) const;

    const std::string folder_;
    GdtListener* const listener_;
    const GdtWatcherOptions options_;
    std::map<std::string, Seen> seen_;  // watcher thread only
    bool folderMissing_ = false;        // watcher thread only

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::uint64_t passes_ = 0;
    std::thread thread_;
};

}  // namespace sanad::core
