#include "sanad/ui/waiting_room.h"

#include "sanad/ui/i18n.h"

namespace sanad::ui {

WaitingRoom::WaitingRoom(wxWindow& owner, DisplayConfig config, std::string consoleLanguage,
                         VoiceFactory voice)
    : owner_(owner),
      config_(std::move(config)),
      consoleLanguage_(std::move(consoleLanguage)),
      voice_(std::move(voice)),
      board_(core::parseQueueList(config_.queues)) {}

WaitingRoom::~WaitingRoom() {
    close();
}

std::string WaitingRoom::language() const {
    if (config_.language == "de" || config_.language == "en") {
        return config_.language;
    }
    if (consoleLanguage_ == "de" || consoleLanguage_ == "en") {
        return consoleLanguage_;
    }
    return chooseLanguage(consoleLanguage_) == wxLANGUAGE_ENGLISH ? "en" : "de";
}

void WaitingRoom::onCall(const core::DisplayCall& call) {
    if (!board_.add(call)) {
        return;  // another queue's, or nothing new
    }
    if (frame_) {
        frame_->show(board_.calls());
        if (frame_->IsShown()) {
            announce(call);
        }
    }
}

void WaitingRoom::announce(const core::DisplayCall& call) {
    if (core::now() - call.calledAt > kFresh) {
        return;  // a call from before this console saw it: shown, not called out again
    }
    if (!announcer_) {
        // Made when first needed: a console without a display never opens the sound device.
        announcer_ = std::make_unique<core::Announcer>(
            voice_ ? voice_() : core::makeSystemVoice(core::defaultChimePath()));
    }
    // Only the number and the room reach the voice (announcer.h).
    announcer_->announce(core::Announcement{call.number, call.room, language(), config_.speech});
}

void WaitingRoom::open() {
    if (!frame_) {
        frame_ = new DisplayFrame(nullptr, language());
        frame_->show(board_.calls());
    }
    frame_->showOnMonitor(config_.monitor);
    frame_->Raise();
}

void WaitingRoom::toggle() {
    if (frame_ && frame_->IsShown()) {
        frame_->Hide();
    } else {
        open();
    }
}

void WaitingRoom::apply(const DisplayConfig& config, const std::string& consoleLanguage) {
    const bool opened = config.enabled && !config_.enabled;
    config_ = config;
    consoleLanguage_ = consoleLanguage;
    board_.setQueues(core::parseQueueList(config_.queues));
    if (frame_) {
        frame_->setLanguage(language());
        frame_->show(board_.calls());
    }
    if (opened) {
        open();
    }
}

void WaitingRoom::close() {
    announcer_.reset();  // stops after the announcement being played
    if (frame_) {
        frame_->Destroy();
        frame_ = nullptr;
    }
}

}  // namespace sanad::ui
