#pragma once

#include <string>

namespace sanad::ui {

/// The waiting-room display's settings (`[display]`, core/desk_config.h).
struct DisplayConfig {
    bool enabled = false;  // opened, full screen, at start
    int monitor = 0;       // wxDisplay index; a missing one: the primary
    bool speech = true;    // speak each call after the chime
    std::string language;  // "de", "en", or "" for the console's
    std::string queues;    // comma list of queue ids; empty: all

    bool operator==(const DisplayConfig&) const = default;
};

/// The desk's settings, as the settings dialog edits them. Stored per user in the INI file that
/// sanad-cli reads too ([server] url, token, ca_file; [console] data, queue, room, …).
struct ConsoleConfig {
    std::string serverUrl;
    std::string token;
    std::string caFile;
    std::string dataDir;
    std::string queueId = "general";
    std::string room;
    std::string deskName;        // how this desk is named to the receptionist ("Empfang 1")
    std::string language;        // "de", "en", or "" for the system's
    bool showNames = true;       // patient names in the list (the check-in panel never shows them)
    int staleAfterMinutes = 15;  // older cached data gets the stronger warning
    std::string gdtFolder;       // the PVS exchange folder (GDT files); empty: no import
    DisplayConfig display;

    bool operator==(const ConsoleConfig&) const = default;

    /// `~/.config/sanad/reception.ini` (XDG) or `%APPDATA%\sanad\reception.ini`.
    static std::string defaultPath();
    /// `~/.local/share/sanad/reception`; on Windows `%ProgramData%\Sanad\Reception` (shared by
    /// everyone who signs in at this desk).
    static std::string defaultDataDir();
    /// `~/.local/share/sanad/logs`; on Windows `%ProgramData%\Sanad\Reception\logs`.
    static std::string defaultLogDir();

    /// Missing file or keys: the defaults. Never throws.
    static ConsoleConfig load(const std::string& path);
    /// Writes the file (and its folder); false with `error` set when it cannot.
    bool save(const std::string& path, std::string& error) const;
};

}  // namespace sanad::ui
