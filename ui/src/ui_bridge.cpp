#include "sanad/ui/ui_bridge.h"

#include <wx/app.h>
#include <wx/debug.h>
#include <wx/thread.h>

namespace sanad::ui {

UiBridge::UiBridge(UiSink& sink) : target_(std::make_shared<Target>(Target{&sink})) {}

UiBridge::~UiBridge() {
    // Its target is the UI thread's alone: a bridge destroyed on another thread races with the
    // calls it queued (issue 13, bug 3).
    wxASSERT_MSG(wxIsMainThread(), "UiBridge destroyed off the UI thread");
    detach();
}

void UiBridge::detach() {
    target_->sink = nullptr;
}

template <typename Call>
void UiBridge::onUiThread(Call call) {
    wxTheApp->CallAfter([target = target_, call = std::move(call)] {
        if (target->sink != nullptr) {  // the window may have closed meanwhile: drop it
            call(*target->sink);
        }
    });
}

void UiBridge::connectivityChanged(bool online) {
    onUiThread([online](UiSink& s) { s.onConnectivity(online); });
}

void UiBridge::ticketsChanged(const std::string& queueId) {
    onUiThread([queueId](UiSink& s) { s.onTicketsChanged(queueId); });
}

void UiBridge::outboxChanged(const core::OutboxCounts& counts) {
    onUiThread([counts](UiSink& s) { s.onOutbox(counts); });
}

void UiBridge::conflictReported(const core::ConflictReport& conflict) {
    onUiThread([conflict](UiSink& s) { s.onConflict(conflict); });
}

void UiBridge::checkInDone(const core::CheckInResult& result) {
    onUiThread([result](UiSink& s) { s.onCheckIn(result); });
}

void UiBridge::problemReported(const core::Problem& problem) {
    // Worded on the UI thread (the translations are wx's); the detail goes to the log only.
    onUiThread([problem](UiSink& s) { s.onProblem(problem); });
}

void UiBridge::callMade(const core::DisplayCall& call) {
    onUiThread([call](UiSink& s) { s.onCall(call); });
}

void UiBridge::readerStateChanged(const core::ReaderState& state) {
    onUiThread([state](UiSink& s) { s.onReaderState(state); });
}

void UiBridge::cardTapped(const std::string& reader, const std::string& cardRef) {
    onUiThread([reader, cardRef](UiSink& s) { s.onCardTapped(reader, cardRef); });
}

void UiBridge::patientsImported(const std::string& /*file*/,
                                const std::vector<core::GdtPatient>& patients) {
    // Only the name and the patient id go on: the birth date stays in the file, which is gone.
    for (const core::GdtPatient& p : patients) {
        onUiThread([name = core::displayName(p), id = p.patientId](UiSink& s) {
            s.onPvsPatient(name, id);
        });
    }
}

void UiBridge::gdtRejected(const std::string& /*file*/, const std::string& /*reason*/) {
    // The watcher has logged the file and the reason (no patient data) and moved it aside.
}

}  // namespace sanad::ui
