#include "ui_test_support.h"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/toplevel.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>

namespace sanad::test {

bool pumpUntil(const std::function<bool()>& condition, std::chrono::milliseconds deadline) {
    const auto end = std::chrono::steady_clock::now() + deadline;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > end) {
            return false;
        }
        wxTheApp->Yield(true);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

void pumpFor(std::chrono::milliseconds duration) {
    pumpUntil([] { return false; }, duration);
}

bool pumpPast(wxEvtHandler* handler, std::chrono::milliseconds deadline) {
    auto ran = std::make_shared<bool>(false);  // outlives a call that runs after the deadline
    (handler ? handler : wxTheApp)->CallAfter([ran] { *ran = true; });
    return pumpUntil([&] { return *ran; }, deadline);
}

namespace {

std::string capture(const std::string& name, const std::string& crop) {
    pumpFor(std::chrono::milliseconds(200));  // let GTK paint
    const char* dir = std::getenv("SANAD_UI_ARTIFACTS");
    const std::filesystem::path folder = dir && *dir ? dir : "ui-artifacts";
    std::filesystem::create_directories(folder);
    const std::string path = (folder / (name + ".png")).string();
    const std::string command = "import -window root " + crop + "'" + path + "' 2>/dev/null";
    if (std::system(command.c_str()) != 0) {
        ADD_FAILURE() << "screenshot failed: " << command;
    }
    return path;
}

}  // namespace

std::string screenshot(const std::string& name) {
    return capture(name, "");
}

std::string screenshotOf(const wxWindow& window, const std::string& name) {
    const wxRect r = window.GetScreenRect();
    return capture(name, "-crop " + std::to_string(r.width) + "x" + std::to_string(r.height) + "+" +
                             std::to_string(r.x) + "+" + std::to_string(r.y) + " +repage ");
}

void closeAllWindows() {
    for (wxWindow* w : wxTopLevelWindows) {
        w->Destroy();
    }
    pumpUntil([] { return wxTopLevelWindows.empty(); }, std::chrono::seconds(30));
}

ModalAnswerer::ModalAnswerer(Answer answer, std::chrono::milliseconds delay)
    : answer_(std::move(answer)), delay_(delay) {
    Register();
}

ModalAnswerer::~ModalAnswerer() {
    Unregister();
}

int ModalAnswerer::Enter(wxDialog* dialog) {
    ++shown_;
    auto* timer = new wxTimer;
    timer->Bind(wxEVT_TIMER, [this, dialog, timer](wxTimerEvent&) {
        const int id = answer_(dialog);
        if (id != wxID_NONE) {
            pressButton(dialog, id);
        }
        wxTheApp->CallAfter([timer] { delete timer; });
    });
    timer->StartOnce(static_cast<int>(delay_.count()));
    return wxID_NONE;  // show it for real
}

void ModalAnswerer::Exit(wxDialog*) {}

void pressButton(wxDialog* dialog, int id) {
    wxWindow* button = dialog->FindWindow(id);
    if (!button) {
        ADD_FAILURE() << "dialog has no button " << id;
        dialog->EndModal(wxID_CANCEL);
        return;
    }
    wxCommandEvent click(wxEVT_BUTTON, id);
    click.SetEventObject(button);
    button->ProcessWindowEvent(click);
}

}  // namespace sanad::test
