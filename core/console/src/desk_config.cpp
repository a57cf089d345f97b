#include "sanad/core/desk_config.h"

#include <Poco/Environment.h>
#include <Poco/Path.h>

namespace sanad::core {
namespace {

#ifdef _WIN32
// The desk's outbox and logs are shared by everyone who signs in at this PC: %ProgramData%
// (the MSI creates Sanad\Reception there); settings stay per user (WINDOWS.md).
std::string sharedDir(const std::string& leaf) {
    Poco::Path dir(Poco::Environment::get("ProgramData", "C:\\ProgramData") + "\\",
                   Poco::Path::PATH_WINDOWS);
    dir.pushDirectory("Sanad");
    dir.pushDirectory("Reception");
    if (!leaf.empty()) {
        dir.pushDirectory(leaf);
    }
    return dir.toString(Poco::Path::PATH_WINDOWS);
}
#else
std::string sharedDir(const std::string& leaf) {
    return Poco::Path(Poco::Path::dataHome()).append("sanad/" + leaf).toString();
}
#endif

}  // namespace

std::string defaultConfigFile() {
#ifdef _WIN32
    Poco::Path dir(Poco::Environment::get("APPDATA", Poco::Path::home()) + "\\",
                   Poco::Path::PATH_WINDOWS);
    dir.pushDirectory("sanad");
    dir.setFileName("reception.ini");
    return dir.toString(Poco::Path::PATH_WINDOWS);
#else
    return Poco::Path(Poco::Path::configHome()).append("sanad/reception.ini").toString();
#endif
}

std::string defaultDataDir() {
#ifdef _WIN32
    return sharedDir("");
#else
    return sharedDir("reception");
#endif
}

std::string defaultLogDir() {
    return sharedDir("logs");
}

}  // namespace sanad::core
