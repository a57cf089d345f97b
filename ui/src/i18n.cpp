#include "sanad/ui/i18n.h"

#include <wx/filename.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>
#include <wx/uilocale.h>

namespace sanad::ui {

wxLanguage chooseLanguage(const std::string& setting) {
    if (setting == "de") {
        return wxLANGUAGE_GERMAN;
    }
    if (setting == "en") {
        return wxLANGUAGE_ENGLISH;
    }
#ifndef __WXMSW__
    // No language chosen at all (the "C"/POSIX locale of a fresh server or container install):
    // the console's default, German.
    wxString env;
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        env = wxGetenv(name);
        if (!env.empty()) {
            break;
        }
    }
    if (env.empty() || env == "C" || env.StartsWith("C.") || env == "POSIX") {
        return wxLANGUAGE_GERMAN;
    }
#endif
    const int system = wxUILocale::GetSystemLanguage();
    if (const wxLanguageInfo* info = wxUILocale::GetLanguageInfo(system)) {
        if (info->CanonicalName.StartsWith("en")) {
            return wxLANGUAGE_ENGLISH;
        }
    }
    return wxLANGUAGE_GERMAN;
}

bool installTranslations(wxLanguage language, const wxString& extraPrefix) {
    const wxFileName exe(wxStandardPaths::Get().GetExecutablePath());
    wxFileName up = wxFileName::DirName(exe.GetPath());
    up.RemoveLastDir();
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(up.GetPath() + "/share/locale");
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(exe.GetPath() + "/locale");
    if (!extraPrefix.empty()) {
        wxFileTranslationsLoader::AddCatalogLookupPathPrefix(extraPrefix);
    }
    auto* translations = new wxTranslations;
    wxTranslations::Set(translations);  // takes ownership
    translations->SetLanguage(language);
    translations->AddStdCatalog();
    const bool ours = translations->AddCatalog("sanad-reception", wxLANGUAGE_ENGLISH_US);
    return language == wxLANGUAGE_ENGLISH || ours;
}

}  // namespace sanad::ui
