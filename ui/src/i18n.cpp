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
