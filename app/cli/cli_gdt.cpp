// sanad-cli gdt read FILE [--json] | gdt watch DIR [--count N] [--timeout S]: the practice system
// (PVS) import, local (no server, no token). stdout is for the admin at the keyboard: it names the
// patients; the log (stderr) never does.
#include "cli.h"

#include "sanad/core/gdt.h"
#include "sanad/core/gdt_watcher.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <condition_variable>
#include <iostream>
#include <mutex>

namespace sanad::cli {

using namespace sanad::core;

namespace {

/// "YYYY-MM-DD" → "DD.MM.YYYY", as the practice writes it.
std::string germanDate(const std::string& iso) {
    return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

std::string line(const GdtPatient& p) {
    std::string text = "patient " + p.patientId + ": " + displayName(p);
    if (p.birthDate) {
        text += ", born " + germanDate(*p.birthDate);
    }
    return text;
}

void printJson(const GdtImport& import) {
    Poco::JSON::Array::Ptr patients = new Poco::JSON::Array;
    for (const GdtPatient& p : import.patients) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("patient_id", p.patientId);
        o->set("surname", p.surname);
        o->set("first_name", p.firstName);
        o->set("name", displayName(p));
        if (p.birthDate) {
            o->set("birth_date", *p.birthDate);
        } else {
            o->set("birth_date", Poco::Dynamic::Var());  // null
        }
        patients->add(o);
    }
    Poco::JSON::Object root;
    root.set("patients", patients);
    root.stringify(std::cout);
    std::cout << "\n";
}

int read(Context& context, const std::string& path) {
    GdtImport import;
    try {
        import = readGdtFile(path);
    } catch (const GdtError& e) {
        std::cout << "failed: " << e.message() << "\n";
        return kFailed;
    } catch (const Poco::Exception& e) {
        std::cout << "failed: cannot read " << path << ": " << e.displayText() << "\n";
        return kFailed;
    }
    for (const std::string& warning : import.warnings) {
        std::cerr << "sanad-cli: warning: " << warning << "\n";
    }
    if (context.args.has("json")) {
        printJson(import);
        return kDone;
    }
    for (const GdtPatient& p : import.patients) {
        std::cout << line(p) << "\n";
    }
    return kDone;
}

/// Prints each import and rejection as the console would show it; counts the patients. Called
/// on the watcher thread.
class ImportPrinter : public GdtListener {
public:
    void patientsImported(const std::string& file,
                          const std::vector<GdtPatient>& patients) override {
        std::lock_guard lock(mutex_);
        for (const GdtPatient& p : patients) {
            std::cout << "imported " << file << ": " << line(p) << std::endl;
        }
        patients_ += static_cast<int>(patients.size());
        changed_.notify_all();
    }
    void gdtRejected(const std::string& file, const std::string& reason) override {
        std::lock_guard lock(mutex_);
        std::cout << "rejected " << file << ": " << reason << std::endl;
    }
    /// True once `count` (> 0) patients came; false when the timeout passed first.
    bool waitFor(int count, std::optional<std::chrono::milliseconds> timeout) {
        std::unique_lock lock(mutex_);
        auto enough = [&] { return count > 0 && patients_ >= count; };
        if (!timeout) {
            changed_.wait(lock, enough);
            return true;
        }
        return changed_.wait_for(lock, *timeout, enough);
    }
    int patients() {
        std::lock_guard lock(mutex_);
        return patients_;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int patients_ = 0;
};

int watch(Context& context, const std::string& folder) {
    const WatchLimits limits = watchLimits(context.args);
    ImportPrinter printer;
    GdtWatcher watcher(folder, &printer);
    watcher.start();
    const bool reached = printer.waitFor(limits.count, limits.timeout);
    watcher.stop();
    if (limits.count > 0 && reached) {
        return kDone;
    }
    std::cout << "timeout after " << printer.patients() << " patients\n";
    return 1;
}

}  // namespace

int gdt(Context& context) {
    const std::vector<std::string>& w = context.args.words;
    if (w[1] == "read") {
        return read(context, w[2]);
    }
    if (w[1] == "watch") {
        return watch(context, w[2]);
    }
    throw UsageError{"gdt read FILE [--json] | gdt watch DIR [--count N] [--timeout S]"};
}

}  // namespace sanad::cli
