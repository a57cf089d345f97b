#include "sanad/ui/console_config.h"

#include "sanad/ui/texts.h"

#include <wx/fileconf.h>
#include <wx/filename.h>
#include <wx/stdpaths.h>

namespace sanad::ui {

namespace {

// Values are kept verbatim (a Windows path's backslashes are not escapes): the file is shared
// with sanad-cli, which reads it with Poco's INI reader.
constexpr long kStyle = wxCONFIG_USE_LOCAL_FILE | wxCONFIG_USE_NO_ESCAPE_CHARACTERS;

wxString sanadDir(const wxString& base, const wxString& leaf) {
    wxFileName name = wxFileName::DirName(base);
    name.AppendDir("sanad");
    return leaf.empty() ? name.GetPath() : name.GetPath() + wxFILE_SEP_PATH + leaf;
}

#ifdef __WXMSW__
// The desk's outbox and logs are shared by everyone who signs in at this PC: %ProgramData%
// (the MSI creates Sanad\Reception there); settings stay per user (WINDOWS.md).
wxString sharedDir(const wxString& leaf) {
    wxString base = wxGetenv("ProgramData");
    if (base.empty()) {
        base = "C:\\ProgramData";
    }
    return base + "\\Sanad\\Reception" + (leaf.empty() ? wxString() : "\\" + leaf);
}
#else
wxString sharedDir(const wxString& leaf) {
    const wxString xdg = wxGetenv("XDG_DATA_HOME");
    return sanadDir(xdg.empty() ? wxFileName::GetHomeDir() + "/.local/share" : xdg, leaf);
}
#endif

}  // namespace

std::string ConsoleConfig::defaultPath() {
    wxStandardPaths& paths = wxStandardPaths::Get();
#ifndef __WXMSW__
    paths.SetFileLayout(wxStandardPaths::FileLayout_XDG);
#endif
    return toUtf8(sanadDir(paths.GetUserConfigDir(), "reception.ini"));
}

std::string ConsoleConfig::defaultDataDir() {
#ifdef __WXMSW__
    return toUtf8(sharedDir(wxString()));
#else
    return toUtf8(sharedDir("reception"));
#endif
}

std::string ConsoleConfig::defaultLogDir() {
    return toUtf8(sharedDir("logs"));
}

ConsoleConfig ConsoleConfig::load(const std::string& path) {
    ConsoleConfig c;
    c.dataDir = defaultDataDir();
    if (!wxFileName::FileExists(fromUtf8(path))) {
        return c;
    }
    wxFileConfig file(wxEmptyString, wxEmptyString, fromUtf8(path), wxEmptyString, kStyle);
    auto text = [&](const char* key, std::string& out) {
        wxString value;
        if (file.Read(key, &value)) {
            out = toUtf8(value.Trim().Trim(false));
        }
    };
    text("/server/url", c.serverUrl);
    text("/server/token", c.token);
    text("/server/ca_file", c.caFile);
    text("/console/data", c.dataDir);
    text("/console/queue", c.queueId);
    text("/console/room", c.room);
    text("/console/desk_name", c.deskName);
    text("/console/language", c.language);
    file.Read("/console/show_names", &c.showNames, c.showNames);
    long stale = c.staleAfterMinutes;
    if (file.Read("/console/stale_after_min", &stale) && stale > 0 && stale < 100000) {
        c.staleAfterMinutes = static_cast<int>(stale);
    }
    if (c.dataDir.empty()) {
        c.dataDir = defaultDataDir();
    }
    if (c.queueId.empty()) {
        c.queueId = "general";
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
    file.Write("/server/url", fromUtf8(serverUrl));
    file.Write("/server/token", fromUtf8(token));
    file.Write("/server/ca_file", fromUtf8(caFile));
    file.Write("/console/data", fromUtf8(dataDir));
    file.Write("/console/queue", fromUtf8(queueId));
    file.Write("/console/room", fromUtf8(room));
    file.Write("/console/desk_name", fromUtf8(deskName));
    file.Write("/console/language", fromUtf8(language));
    file.Write("/console/show_names", showNames);
    file.Write("/console/stale_after_min", static_cast<long>(staleAfterMinutes));
    if (!file.Flush()) {
        error = "cannot write " + path;
        return false;
    }
    // The token is a secret: the file is the user's alone.
    wxFileName(fromUtf8(path)).SetPermissions(wxPOSIX_USER_READ | wxPOSIX_USER_WRITE);
    return true;
}

}  // namespace sanad::ui
