#pragma once

#include <wx/intl.h>
#include <wx/string.h>

#include <string>

namespace sanad::ui {

/// The UI language: `setting` ("de", "en") when given, else the system's if it is English, else
/// German (the primary language; also for the "C"/POSIX locale, which chooses none). English is
/// the fallback of every untranslated string.
wxLanguage chooseLanguage(const std::string& setting);

/// Installs wxTranslations for `language` with our catalog (sanad-reception.mo) and wx's own,
/// looked up next to the executable (`<exe>/../share/locale`, `<exe>/locale`) and in
/// `extraPrefix`. Leaves the C locale alone (numbers keep their dot; TESTING-UI.md, Locale).
/// Returns false when German was asked for and its catalog is not found. UI thread only.
bool installTranslations(wxLanguage language, const wxString& extraPrefix = wxString());

}  // namespace sanad::ui
