#pragma once

#include "sanad/core/call_board.h"

#include <wx/colour.h>
#include <wx/frame.h>
#include <wx/timer.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace sanad::ui {

/// "Zimmer 2" / "Room 2" for a room given as digits, else the room as the desk set it
/// ("Zimmer 2", "Labor"). `language`: "de", else English. Pure.
std::string displayRoomText(const std::string& room, const std::string& language);
/// "A017 → Zimmer 2" (UI-TEXT.md, "display call"); the number alone without a room. Pure.
std::string displayCallText(const core::DisplayCall& call, const std::string& language);

/// The waiting-room display ("Wartezimmer-Anzeige", DESIGN.md "Waiting-room display, native"): a
/// second top-level window, drawn in code, white and amber on black for reading from 5 m. The
/// current call in large type, the last calls beside it, a clock; urgent calls in amber. Only
/// numbers and rooms: it is handed DisplayCalls, which have nothing else. Sizes follow the
/// window's size. F11 toggles full screen, Esc leaves it. Closing it only hides it (the console
/// opens it again from the View menu). UI thread only.
class DisplayFrame : public wxFrame {
public:
    DisplayFrame(wxWindow* parent, std::string language);
    ~DisplayFrame() override;

    /// The board's calls, newest first; repaints.
    void show(const std::vector<core::DisplayCall>& calls);
    void setLanguage(std::string language);
    /// Full screen on monitor `index` (wxDisplay; a missing one: the primary).
    void showOnMonitor(int index);
    void toggleFullScreen();

    /// What the last paint drew, for tests and the latency bench: each text with its colour.
    struct Drawn {
        std::string text;
        wxColour colour;
    };
    const std::vector<Drawn>& drawn() const { return drawn_; }
    std::size_t paints() const { return paints_; }
    /// Called at the end of each paint (the bench's clock stops there).
    void onPainted(std::function<void()> hook) { painted_ = std::move(hook); }

    static const wxColour kNormal;
    static const wxColour kUrgent;

private:
    void onPaint(wxPaintEvent& event);
    void onKey(wxKeyEvent& event);
    void onClock(wxTimerEvent& event);
    void draw(wxDC& dc, const std::string& text, const wxColour& colour, const wxRect& box,
              int height, int align);

    std::string language_;
    std::vector<core::DisplayCall> calls_;
    std::vector<Drawn> drawn_;
    std::size_t paints_ = 0;
    std::function<void()> painted_;
    wxTimer clock_;
    std::string shownMinute_;
};

}  // namespace sanad::ui
