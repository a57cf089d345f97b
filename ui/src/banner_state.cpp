#include "sanad/ui/banner_state.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/texts.h"

#include <wx/defs.h>

namespace sanad::ui {

BannerState::Step BannerState::update(const Facts& facts) {
    Step step;
    Kind want = Kind::None;
    wxString text;
    int icon = wxICON_WARNING;
    if (facts.online && !*facts.online) {
        const bool stale = !facts.lastSync || facts.now - *facts.lastSync >
                                                  std::chrono::minutes(facts.staleAfterMinutes);
        want = stale ? Kind::Stale : Kind::Offline;
        text = offlineBannerText(facts.lastSync, facts.counts.pending + facts.counts.conflict,
                                 facts.now);
        if (stale) {
            text += U8(" – ") + staleBannerText(facts.lastSync, facts.now);
            icon = wxICON_ERROR;
        }
    } else if (facts.online && wasOffline_ && facts.counts.pending == 0) {
        want = Kind::BackOnline;
        text = _("Back online – all changes sent");
        icon = wxICON_INFORMATION;
        wasOffline_ = false;
        step.backOnlineStarted = true;
    } else if (kind_ == Kind::BackOnline) {
        return step;  // shown until its timer ends
    }
    // Otherwise none: online again with changes still going out, the status bar says so.
    if (want == kind_ && text == text_) {
        return step;
    }
    kind_ = want;
    text_ = text;
    icon_ = icon;
    step.changed = true;
    return step;
}

bool BannerState::backOnlineEnded() {
    if (kind_ != Kind::BackOnline) {
        return false;
    }
    kind_ = Kind::None;
    text_.clear();
    return true;
}

}  // namespace sanad::ui
