// The GDT exchange folder watcher (gdt_watcher.h): a short poll, the same on Linux and Windows
// (no inotify/ReadDirectoryChangesW, and network shares, where PVS folders often live, work too).
// Logs name files and reasons, never a patient's name or id.
#include "sanad/core/gdt_watcher.h"

#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/String.h>

namespace sanad::core {

namespace {

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.gdt");
}

bool isGdtName(const std::string& name) {
    return name.size() > 4 && Poco::icompare(name.substr(name.size() - 4), ".gdt") == 0;
}

/// `rejected/NAME`, or `rejected/STEM-2.EXT`, … when that is taken.
std::string freeRejectedPath(const std::string& folder, const std::string& name) {
    Poco::Path dir(folder);
    dir.makeDirectory().pushDirectory("rejected");
    Poco::File(dir).createDirectories();
    const Poco::Path original(name);
    Poco::Path target(dir, name);
    for (int n = 2; Poco::File(target).exists(); ++n) {
        target.setFileName(original.getBaseName() + "-" + std::to_string(n) + "." +
                           original.getExtension());
    }
    return target.toString();
}

/// Calls the listener; nothing it throws gets further.
template <typename Call>
void report(GdtListener* listener, Call call) {
    if (!listener) {
        return;
    }
    try {
        call(*listener);
    } catch (...) {
        // Its text may carry patient data: not logged.
        logger().error("GDT listener failed (exception not shown)");
    }
}

}  // namespace

GdtWatcher::GdtWatcher(std::string folder, GdtListener* listener, GdtWatcherOptions options)
    : folder_(std::move(folder)), listener_(listener), options_(options) {}

GdtWatcher::~GdtWatcher() {
    stop();
}

void GdtWatcher::start() {
    if (thread_.joinable()) {
        return;
    }
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    thread_ = std::thread([this] { run(); });
}

void GdtWatcher::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

std::string GdtWatcher::pathOf(const std::string& name) const {
    return Poco::Path(Poco::Path(folder_).makeDirectory(), name).toString();
}

std::uint64_t GdtWatcher::passes() const {
    std::lock_guard lock(mutex_);
    return passes_;
}

void GdtWatcher::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            pass();
        } catch (const std::exception& e) {
            logger().error(std::string("GDT folder: ") + e.what());
        } catch (...) {
            logger().error("GDT folder: unknown failure");
        }
        lock.lock();
        ++passes_;
        wake_.wait_for(lock, options_.pollInterval, [this] { return stopping_; });
    }
}

void GdtWatcher::pass() {
    const Poco::File dir(folder_);
    if (!dir.exists() || !dir.isDirectory()) {
        if (!folderMissing_) {
            logger().warning("GDT folder " + folder_ + " is missing; looking again every poll");
        }
        folderMissing_ = true;
        seen_.clear();
        return;
    }
    if (folderMissing_) {
        logger().information("GDT folder " + folder_ + " is there again");
        folderMissing_ = false;
    }
    std::vector<std::string> names;
    dir.list(names);
    std::map<std::string, Seen> next;
    const auto now = std::chrono::steady_clock::now();
    for (const std::string& name : names) {
        if (!isGdtName(name)) {
            continue;
        }
        {
            std::lock_guard lock(mutex_);
            if (stopping_) {
                return;
            }
        }
        Seen current;
        try {
            const Poco::File file(pathOf(name));
            if (!file.isFile()) {
                continue;
            }
            current.size = file.getSize();
            current.modified = file.getLastModified().epochMicroseconds();
        } catch (const Poco::Exception&) {
            continue;  // gone between the listing and the look
        }
        const auto before = seen_.find(name);
        if (before == seen_.end() || before->second.size != current.size ||
            before->second.modified != current.modified) {
            current.since = now;  // new or still changing: look again next poll
            next[name] = current;
            continue;
        }
        Seen seen = before->second;
        if (handle(name, seen)) {
            next[name] = seen;
        }
    }
    seen_ = std::move(next);
}

bool GdtWatcher::handle(const std::string& name, Seen& seen) {
    const std::string path = pathOf(name);
    if (seen.leftover != Leftover::None) {
        // Reported already; only the delete or move failed last time.
        return !dispose(name, seen, seen.leftover);
    }
    const bool settled = std::chrono::steady_clock::now() - seen.since >= options_.settleTime;
    GdtImport import;
    try {
        import = readGdtFile(path);
    } catch (const GdtError& e) {
        if (e.truncated() && !settled) {
            return true;  // may still be being written
        }
        logger().warning("GDT file " + name + " rejected: " + e.message());
        const bool moved = dispose(name, seen, Leftover::Move);
        report(listener_, [&](GdtListener& l) { l.gdtRejected(name, e.message()); });
        return !moved;
    } catch (const Poco::FileNotFoundException&) {
        return false;
    } catch (const Poco::Exception& e) {
        // Windows: the practice system still holds it open. Try again next poll.
        logger().debug("GDT file " + name + " not readable yet: " + e.displayText());
        return true;
    }
    if (import.shorterThanDeclared && !settled) {
        return true;
    }
    for (const std::string& warning : import.warnings) {
        logger().warning("GDT file " + name + ": " + warning);
    }
    report(listener_, [&](GdtListener& l) { l.patientsImported(name, import.patients); });
    logger().information("GDT file " + name + ": " + std::to_string(import.patients.size()) +
                         " patient(s) imported");
    return !dispose(name, seen, Leftover::Delete);
}

bool GdtWatcher::dispose(const std::string& name, Seen& seen, Leftover what) {
    try {
        Poco::File file(pathOf(name));
        if (what == Leftover::Delete) {
            file.remove();
        } else {
            file.renameTo(freeRejectedPath(folder_, name));
        }
        return true;
    } catch (const Poco::FileNotFoundException&) {
        return true;  // someone else took it
    } catch (const Poco::Exception& e) {
        if (seen.leftover == Leftover::None) {
            logger().warning(
                "GDT file " + name +
                (what == Leftover::Delete ? " read but not deleted" : " not moved to rejected/") +
                " (tried again every poll): " + e.displayText());
        }
        seen.leftover = what;
        return false;
    }
}

}  // namespace sanad::core
