#include "sanad/ui/display_frame.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/texts.h"

#include <wx/dcbuffer.h>
#include <wx/display.h>

#include <algorithm>

namespace sanad::ui {

namespace {

constexpr int kClockMs = 1000;
const wxColour kBackground(0, 0, 0);
const wxColour kQuiet(170, 170, 170);  // headings and the clock: readable, not competing
const wxColour kRule(70, 70, 70);

bool isDigits(const std::string& text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool german(const std::string& language) {
    return language == "de";
}

}  // namespace

const wxColour DisplayFrame::kNormal(255, 255, 255);
const wxColour DisplayFrame::kUrgent(255, 176, 0);  // amber

std::string displayRoomText(const std::string& room, const std::string& language) {
    if (isDigits(room)) {
        return (german(language) ? "Zimmer " : "Room ") + room;
    }
    return room;
}

std::string displayCallText(const core::DisplayCall& call, const std::string& language) {
    if (!call.room || call.room->empty()) {
        return call.number;
    }
    return call.number + " \u2192 " + displayRoomText(*call.room, language);
}

DisplayFrame::DisplayFrame(wxWindow* parent, std::string language)
    : wxFrame(parent, wxID_ANY, _("Waiting-room display"), wxDefaultPosition, wxSize(1280, 720)),
      language_(std::move(language)),
      clock_(this) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);  // all of it is drawn in onPaint (no flicker)
    SetBackgroundColour(kBackground);
    Bind(wxEVT_PAINT, &DisplayFrame::onPaint, this);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        Refresh();  // the sizes follow the window
        e.Skip();
    });
    Bind(wxEVT_CHAR_HOOK, &DisplayFrame::onKey, this);
    Bind(wxEVT_TIMER, &DisplayFrame::onClock, this, clock_.GetId());
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        if (e.CanVeto()) {
            e.Veto();  // the console owns it: closing only hides it
            Hide();
        } else {
            e.Skip();
        }
    });
    clock_.Start(kClockMs);
}

DisplayFrame::~DisplayFrame() {
    clock_.Stop();
}

void DisplayFrame::show(const std::vector<core::DisplayCall>& calls) {
    calls_ = calls;
    Refresh();
}

void DisplayFrame::setLanguage(std::string language) {
    language_ = std::move(language);
    Refresh();
}

void DisplayFrame::showOnMonitor(int index) {
    const unsigned count = wxDisplay::GetCount();
    unsigned chosen = 0;
    if (index >= 0 && static_cast<unsigned>(index) < count) {
        chosen = static_cast<unsigned>(index);
    } else {
        for (unsigned i = 0; i < count; ++i) {
            if (wxDisplay(i).IsPrimary()) {
                chosen = i;
            }
        }
    }
    if (count > 0) {
        const wxRect area = wxDisplay(chosen).GetGeometry();
        SetSize(area);
    }
    Show();
    ShowFullScreen(true, wxFULLSCREEN_ALL);
}

void DisplayFrame::toggleFullScreen() {
    ShowFullScreen(!IsFullScreen(), wxFULLSCREEN_ALL);
}

void DisplayFrame::onKey(wxKeyEvent& event) {
    if (event.GetKeyCode() == WXK_F11) {
        toggleFullScreen();
    } else if (event.GetKeyCode() == WXK_ESCAPE && IsFullScreen()) {
        ShowFullScreen(false);
    } else {
        event.Skip();
    }
}

void DisplayFrame::onClock(wxTimerEvent&) {
    if (core::localClock(core::now()) != shownMinute_) {
        Refresh();
    }
}

void DisplayFrame::draw(wxDC& dc, const std::string& text, const wxColour& colour,
                        const wxRect& box, int height, int align) {
    // The largest type up to `height` pixels that fits the box's width.
    int px = std::max(height, 8);
    wxSize extent;
    for (;;) {
        dc.SetFont(wxFont(wxFontInfo(wxSize(0, px)).Family(wxFONTFAMILY_SWISS).Bold()));
        extent = dc.GetTextExtent(fromUtf8(text));
        if (extent.x <= box.width || px <= 8) {
            break;
        }
        px = std::max(8, px * box.width / std::max(extent.x, 1) - 1);
    }
    int x = box.x;
    if (align == wxALIGN_RIGHT) {
        x = box.GetRight() - extent.x;
    } else if (align == wxALIGN_CENTER_HORIZONTAL) {
        x = box.x + (box.width - extent.x) / 2;
    }
    dc.SetTextForeground(colour);
    dc.DrawText(fromUtf8(text), x, box.y + (box.height - extent.y) / 2);
    drawn_.push_back({text, colour});
}

void DisplayFrame::onPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(kBackground));
    dc.Clear();
    drawn_.clear();
    const wxSize size = GetClientSize();
    const int w = size.x, h = size.y;
    const int margin = std::max(8, h / 30);
    const bool de = german(language_);

    // Top line: what this is, and the clock.
    const wxRect top(margin, margin / 2, w - 2 * margin, h / 10);
    shownMinute_ = core::localClock(core::now());
    draw(dc, de ? "Aufruf" : "Now calling", kQuiet, wxRect(top.x, top.y, w / 2, top.height), h / 16,
         wxALIGN_LEFT);
    draw(dc, shownMinute_, kQuiet, wxRect(w / 2, top.y, w / 2 - margin, top.height), h / 14,
         wxALIGN_RIGHT);

    // The current call, large: the number, then where to go.
    const int split = w * 62 / 100;
    const int bodyTop = top.GetBottom() + margin;
    const int bodyHeight = h - bodyTop - margin;
    if (!calls_.empty()) {
        const core::DisplayCall& current = calls_.front();
        const wxColour colour = current.priority == core::Priority::Urgent ? kUrgent : kNormal;
        const wxRect number(margin, bodyTop, split - 2 * margin, bodyHeight * 55 / 100);
        draw(dc, current.number, colour, number, bodyHeight * 45 / 100, wxALIGN_CENTER_HORIZONTAL);
        if (current.room && !current.room->empty()) {
            const wxRect room(margin, number.GetBottom(), split - 2 * margin,
                              bodyHeight * 30 / 100);
            draw(dc, "\u2192 " + displayRoomText(*current.room, language_), colour, room,
                 bodyHeight * 20 / 100, wxALIGN_CENTER_HORIZONTAL);
        }
    }

    // The last calls beside it, newest first (the current one among them).
    dc.SetPen(wxPen(kRule, std::max(2, w / 400)));
    dc.DrawLine(split, bodyTop, split, h - margin);
    const int listX = split + margin, listW = w - listX - margin;
    const int heading = bodyHeight / 10;
    draw(dc, de ? "Letzte Aufrufe" : "Recent calls", kQuiet, wxRect(listX, bodyTop, listW, heading),
         heading * 7 / 10, wxALIGN_LEFT);
    const int row = (bodyHeight - heading) / static_cast<int>(core::CallBoard::kShown);
    for (std::size_t i = 0; i < calls_.size() && i < core::CallBoard::kShown; ++i) {
        const core::DisplayCall& c = calls_[i];
        const wxRect line(listX, bodyTop + heading + static_cast<int>(i) * row, listW, row);
        draw(dc, displayCallText(c, language_),
             c.priority == core::Priority::Urgent ? kUrgent : kNormal, line, row * 6 / 10,
             wxALIGN_LEFT);
    }
    ++paints_;
    if (painted_) {
        painted_();
    }
}

}  // namespace sanad::ui
