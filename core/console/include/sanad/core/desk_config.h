#pragma once

#include <string>

namespace sanad::core {

/// The one home of the desk's INI file layout and default places, shared by the console's
/// settings, sanad-cli and the tests (`[server] url, token, ca_file`, `[console] data, queue,
/// room, desk_name, language, show_names, stale_after_min, gdt_folder`, `[display] enabled,
/// monitor, speech, language, queues`).
struct IniKey {
    const char* section;
    const char* name;
    /// "server.url": Poco's configuration names.
    std::string dotted() const { return std::string(section) + "." + name; }
    /// "/server/url": wxFileConfig's paths.
    std::string path() const { return "/" + std::string(section) + "/" + name; }
};

namespace ini {
inline constexpr IniKey kServerUrl{"server", "url"};
inline constexpr IniKey kToken{"server", "token"};
inline constexpr IniKey kCaFile{"server", "ca_file"};
inline constexpr IniKey kData{"console", "data"};
inline constexpr IniKey kQueue{"console", "queue"};
inline constexpr IniKey kRoom{"console", "room"};
inline constexpr IniKey kDeskName{"console", "desk_name"};
inline constexpr IniKey kLanguage{"console", "language"};
inline constexpr IniKey kShowNames{"console", "show_names"};
inline constexpr IniKey kStaleAfterMin{"console", "stale_after_min"};
/// The folder the practice system (PVS) drops its GDT files in; empty: no import.
inline constexpr IniKey kGdtFolder{"console", "gdt_folder"};
/// The waiting-room display (issue 15): shown at start (true/false), on which monitor (0 = the
/// first; a missing one falls back to the primary), whether calls are spoken (the chime always
/// sounds), in which language ("de"/"en"; empty: the console's), which queues (a comma list of
/// queue ids; empty: all).
inline constexpr IniKey kDisplayEnabled{"display", "enabled"};
inline constexpr IniKey kDisplayMonitor{"display", "monitor"};
inline constexpr IniKey kDisplaySpeech{"display", "speech"};
inline constexpr IniKey kDisplayLanguage{"display", "language"};
inline constexpr IniKey kDisplayQueues{"display", "queues"};
}  // namespace ini

inline constexpr const char* kDefaultServerUrl = "http://127.0.0.1:8080";
inline constexpr const char* kDefaultQueue = "general";

/// `$XDG_CONFIG_HOME/sanad/reception.ini` (`~/.config/…`); on Windows
/// `%APPDATA%\sanad\reception.ini`.
std::string defaultConfigFile();
/// `$XDG_DATA_HOME/sanad/reception` (`~/.local/share/…`); on Windows
/// `%ProgramData%\Sanad\Reception`, shared by everyone who signs in at this desk.
std::string defaultDataDir();
/// `…/sanad/logs`; on Windows `%ProgramData%\Sanad\Reception\logs`.
std::string defaultLogDir();

}  // namespace sanad::core
