#include "sanad/ui/console_config.h"

#include "sanad/ui/texts.h"

#include "sanad/core/desk_config.h"

#include <wx/fileconf.h>
#include <wx/filename.h>

#include <utility>

namespace sanad::ui {

namespace {

// Values are kept verbatim (a Windows path's backslashes are not escapes): the file is shared
// with sanad-cli, which reads it with Poco's INI reader.
constexpr long kStyle = wxCONFIG_USE_LOCAL_FILE | wxCONFIG_USE_NO_ESCAPE_CHARACTERS;

/// The text settings and their INI keys (core/desk_config.h), read and written alike.
struct TextSetting {
    const core::IniKey& key;
    std::string ConsoleConfig::*member;
};
const TextSetting kTexts[] = {
    {core::ini::kServerUrl, &ConsoleConfig::serverUrl},
    {core::ini::kToken, &ConsoleConfig::token},
    {core::ini::kCaFile, &ConsoleConfig::caFile},
    {core::ini::kData, &ConsoleConfig::dataDir},
    {core::ini::kQueue, &ConsoleConfig::queueId},
    {core::ini::kRoom, &ConsoleConfig::room},
    {core::ini::kDeskName, &ConsoleConfig::deskName},
    {core::ini::kLanguage, &ConsoleConfig::language},
    {core::ini::kGdtFolder, &ConsoleConfig::gdtFolder},
};
const std::pair<const core::IniKey&, std::string DisplayConfig::*> kDisplayTexts[] = {
    {core::ini::kDisplayLanguage, &DisplayConfig::language},
    {core::ini::kDisplayQueues, &DisplayConfig::queues},
};

}  // namespace

std::string ConsoleConfig::defaultPath() {
    return core::defaultConfigFile();
}

std::string ConsoleConfig::defaultDataDir() {
    return core::defaultDataDir();
}

std::string ConsoleConfig::defaultLogDir() {
    return core::defaultLogDir();
}

ConsoleConfig ConsoleConfig::load(const std::string& path) {
    ConsoleConfig c;
    c.dataDir = defaultDataDir();
    if (!wxFileName::FileExists(fromUtf8(path))) {
        return c;
    }
    wxFileConfig file(wxEmptyString, wxEmptyString, fromUtf8(path), wxEmptyString, kStyle);
    for (const TextSetting& t : kTexts) {
        wxString value;
        if (file.Read(t.key.path(), &value)) {
            c.*t.member = toUtf8(value.Trim().Trim(false));
        }
    }
    file.Read(core::ini::kShowNames.path(), &c.showNames, c.showNames);
    long stale = c.staleAfterMinutes;
    if (file.Read(core::ini::kStaleAfterMin.path(), &stale) && stale > 0 && stale < 100000) {
        c.staleAfterMinutes = static_cast<int>(stale);
    }
    for (const auto& [key, member] : kDisplayTexts) {
        wxString value;
        if (file.Read(key.path(), &value)) {
            c.display.*member = toUtf8(value.Trim().Trim(false));
        }
    }
    file.Read(core::ini::kDisplayEnabled.path(), &c.display.enabled, c.display.enabled);
    file.Read(core::ini::kDisplaySpeech.path(), &c.display.speech, c.display.speech);
    long monitor = c.display.monitor;
    if (file.Read(core::ini::kDisplayMonitor.path(), &monitor) && monitor >= 0 && monitor < 64) {
        c.display.monitor = static_cast<int>(monitor);
    }
    if (c.dataDir.empty()) {
        c.dataDir = defaultDataDir();
    }
    if (c.queueId.empty()) {
        c.queueId = core::kDefaultQueue;
    }
    return c;
}

bool ConsoleConfig::save(const std::string& path, std::string& error) const {
    const wxFileName name(fromUtf8(path));
    if (!name.Mkdir(wxS_DIR_DEFAULT, wxPATH_MKDIR_FULL) && !name.DirExists()) {
        error = "cannot create the folder " + toUtf8(name.GetPath());
        return false;
    }
    wxFileConfig file(wxEmptyString, wxEmptyString, fromUtf8(path), wxEmptyString, kStyle);
    for (const TextSetting& t : kTexts) {
        file.Write(t.key.path(), fromUtf8(this->*t.member));
    }
    file.Write(core::ini::kShowNames.path(), showNames);
    file.Write(core::ini::kStaleAfterMin.path(), static_cast<long>(staleAfterMinutes));
    for (const auto& [key, member] : kDisplayTexts) {
        file.Write(key.path(), fromUtf8(display.*member));
    }
    file.Write(core::ini::kDisplayEnabled.path(), display.enabled);
    file.Write(core::ini::kDisplaySpeech.path(), display.speech);
    file.Write(core::ini::kDisplayMonitor.path(), static_cast<long>(display.monitor));
    if (!file.Flush()) {
        error = "cannot write " + path;
        return false;
    }
    // The token is a secret: the file is the user's alone.
    wxFileName(fromUtf8(path)).SetPermissions(wxPOSIX_USER_READ | wxPOSIX_USER_WRITE);
    return true;
}

}  // namespace sanad::ui
