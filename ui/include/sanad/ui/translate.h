#pragma once

#include <wx/string.h>
#include <wx/translation.h>

// Our source strings are UTF-8 (en dashes, ellipses, quotes). wx's own _() decodes a literal with
// the C locale's encoding, which is ASCII under the "C" locale the console keeps (TESTING-UI.md,
// Locale) and a code page on Windows: a "–" would turn the whole string empty. These decode
// UTF-8 explicitly. sanad_ui is compiled with WXINTL_NO_GETTEXT_MACRO so wx defines neither.
#ifndef _
#define _(s) wxGetTranslation(wxString::FromUTF8(s))
#endif
#ifndef wxPLURAL
#define wxPLURAL(sing, plur, n) \
    wxGetTranslation(wxString::FromUTF8(sing), wxString::FromUTF8(plur), n)
#endif
/// A message in a context, for one English word with two German ones ("Cancel" a ticket:
/// "Stornieren"; "Cancel" a dialog: "Abbrechen"). xgettext reads it with -k_C:1c,2.
#define _C(context, s) wxGetTranslation(wxString::FromUTF8(s), wxString(), wxString(context))
/// A UTF-8 literal that is not translated.
#define U8(s) wxString::FromUTF8(s)
