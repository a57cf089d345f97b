// The waiting-room display (issue 15) under Xvfb: the real console window against a real
// sanad-server, its calls (online, offline, another desk's through the live feed) on the
// DisplayFrame, a recall on top, urgent in amber, never a name; the announcements in order, as a
// recording voice hears them; a screenshot of the display.
#include "console_window_fixture.h"
#include "fault_proxy.h"

#include "sanad/core/uuid.h"
#include "sanad/ui/display_frame.h"
#include "sanad/ui/settings_dialog.h"
#include "temp_dir.h"

#include <algorithm>
#include <mutex>

namespace sanad::test {
namespace {

using ui::DisplayFrame;
using ui::MainFrame;

/// The announcer's voice in tests: records what it would play (on the announcer's thread).
struct VoiceLog {
    std::mutex mutex;
    std::vector<std::string> events;  // "chime", "speak de: Nummer A 17, bitte in Zimmer 2"
    std::vector<std::string> copy() {
        std::lock_guard lock(mutex);
        return events;
    }
};

class RecordingVoice : public core::Voice {
public:
    explicit RecordingVoice(std::shared_ptr<VoiceLog> log) : log_(std::move(log)) {}
    void chime() override { record("chime"); }
    void speak(const std::string& text, const std::string& language) override {
        record("speak " + language + ": " + text);
    }

private:
    void record(std::string event) {
        std::lock_guard lock(log_->mutex);
        log_->events.push_back(std::move(event));
    }
    std::shared_ptr<VoiceLog> log_;
};

class DisplayWindowTest : public ConsoleWindowTest {
protected:
    void SetUp() override {
        ConsoleWindowTest::SetUp();
        voice = [log = log] { return std::make_unique<RecordingVoice>(log); };
    }

    /// The window with its display open, through a proxy that can cut the server off.
    void openWithDisplay() {
        proxy = std::make_unique<FaultProxy>(server->port());
        ui::ConsoleOptions o = options(proxy->url());
        o.config.room = "2";  // digits: the display says "Zimmer 2"
        o.config.display.enabled = true;
        frame = new MainFrame(o);
        frame->Show();
        ASSERT_TRUE(pumpUntil([&] {
            return frame->viewLoaded() && frame->online() == true && frame->model().size() > 0;
        }));
        ASSERT_NE(frame->display(), nullptr) << "[display] enabled opens it at start";
        ASSERT_TRUE(frame->display()->IsShown());
    }

    DisplayFrame& display() { return *frame->display(); }

    /// The texts the display's last paint drew.
    std::vector<std::string> drawnTexts() {
        std::vector<std::string> out;
        for (const DisplayFrame::Drawn& d : display().drawn()) {
            out.push_back(d.text);
        }
        return out;
    }
    bool drew(const std::string& text) {
        const auto all = drawnTexts();
        return std::find(all.begin(), all.end(), text) != all.end();
    }
    std::optional<wxColour> colourOf(const std::string& text) {
        for (const DisplayFrame::Drawn& d : display().drawn()) {
            if (d.text == text) {
                return d.colour;
            }
        }
        return std::nullopt;
    }
    /// Waits until the display's current call is `number` (the large one: its own line).
    bool showsCurrent(const std::string& number) {
        return pumpUntil([&] {
            return frame->display() && !display().drawn().empty() &&
                   frame->waitingRoom().board().current() &&
                   frame->waitingRoom().board().current()->number == number && drew(number);
        });
    }
    std::vector<std::string> boardNumbers() {
        std::vector<std::string> out;
        for (const core::DisplayCall& c : frame->waitingRoom().board().calls()) {
            out.push_back(c.number);
        }
        return out;
    }
    /// Calls the first waiting ticket (F2); its number.
    std::string callNext() {
        const core::CachedTicket* next = frame->model().nextWaiting();
        EXPECT_NE(next, nullptr);
        if (!next) {
            return "";
        }
        const std::string number = next->ticket.number;
        frame->run(MainFrame::Action::CallNext);
        return number;
    }
    /// A screenshot of the display, raised above the console (Xvfb has no window manager to
    /// stack them) and painted since.
    std::string shootDisplay(const std::string& name) {
        display().Raise();
        const std::size_t paints = display().paints();
        display().Refresh();
        EXPECT_TRUE(pumpUntil([&] { return display().paints() > paints; }));
        pumpPast();
        return screenshotOf(display(), name);
    }
    bool announced(std::size_t events) {
        return pumpUntil([&] { return log->copy().size() >= events; });
    }

    std::shared_ptr<VoiceLog> log = std::make_shared<VoiceLog>();
    std::unique_ptr<FaultProxy> proxy;
};

TEST_F(DisplayWindowTest, CallsOnlineAndOfflineAppearAndAreAnnouncedOneAfterAnother) {
    openWithDisplay();
    const std::string first = callNext();
    ASSERT_TRUE(showsCurrent(first)) << "online call not shown";
    EXPECT_TRUE(drew("\u2192 Zimmer 2"));
    EXPECT_TRUE(drew(first + " \u2192 Zimmer 2")) << "the list beside it";

    proxy->setMode(FaultProxy::Mode::Refuse);
    ASSERT_TRUE(pumpUntil([&] { return frame->online() == false; }, 15s));
    const std::string second = callNext();
    ASSERT_TRUE(showsCurrent(second)) << "offline call not shown at once";
    EXPECT_EQ(boardNumbers(), (std::vector<std::string>{second, first}));

    ASSERT_TRUE(announced(4));
    const std::string spokenFirst = "Nummer " + first.substr(0, 1) + " " +
                                    std::to_string(std::stoi(first.substr(1))) +
                                    ", bitte in Zimmer 2";
    const std::string spokenSecond = "Nummer " + second.substr(0, 1) + " " +
                                     std::to_string(std::stoi(second.substr(1))) +
                                     ", bitte in Zimmer 2";
    EXPECT_EQ(log->copy(), (std::vector<std::string>{"chime", "speak de: " + spokenFirst, "chime",
                                                     "speak de: " + spokenSecond}));

    // Back online: the offline call is delivered and comes back in the feed, not as a new call.
    proxy->setMode(FaultProxy::Mode::Pass);
    ASSERT_TRUE(pumpUntil([&] { return frame->online() == true; }, 15s));
    const std::size_t syncs = frame->syncsDone();
    frame->syncNow();
    ASSERT_TRUE(pumpUntil([&] { return frame->syncsDone() > syncs; }));
    ASSERT_TRUE(pumpPast());
    EXPECT_EQ(boardNumbers(), (std::vector<std::string>{second, first}));
    EXPECT_EQ(log->copy().size(), 4u) << "no call announced twice";
}

TEST_F(DisplayWindowTest, ARecallMovesItsTicketToTheTopAndIsAnnouncedAgain) {
    openWithDisplay();
    const std::string first = callNext();
    ASSERT_TRUE(showsCurrent(first));
    const std::string firstId = *frame->selectedTicket();
    const std::string second = callNext();
    ASSERT_TRUE(showsCurrent(second));
    ASSERT_TRUE(announced(4));

    frame->selectTicket(firstId);
    ASSERT_TRUE(frame->enabled(MainFrame::Action::Recall));
    frame->run(MainFrame::Action::Recall);
    ASSERT_TRUE(showsCurrent(first)) << "the recall is the current call again";
    EXPECT_EQ(boardNumbers(), (std::vector<std::string>{first, second}));
    ASSERT_TRUE(announced(6));
    EXPECT_EQ(log->copy()[4], "chime");
    EXPECT_NE(log->copy()[5].find("Nummer " + first.substr(0, 1)), std::string::npos);
}

TEST_F(DisplayWindowTest, AnUrgentNamedWalkInIsCalledInAmberWithoutItsName) {
    openWithDisplay();
    core::WalkIn walkIn;
    walkIn.patient = "Erika Mustermann";
    walkIn.priority = core::Priority::Urgent;
    walkIn.note = "Rollstuhl";
    std::optional<core::Ticket> ticket;
    frame->engine().checkInWalkIn(walkIn, frame->session().then<core::CheckInResult>(
                                              *frame, [&](core::Completion<core::CheckInResult> r) {
                                                  if (r.ok() && r.value().ticket) {
                                                      ticket = r.value().ticket;
                                                  }
                                              }));
    ASSERT_TRUE(pumpUntil([&] { return ticket && frame->model().rowOf(ticket->id); }));
    EXPECT_EQ(callNext(), ticket->number) << "urgent stands first";
    ASSERT_TRUE(showsCurrent(ticket->number));
    EXPECT_EQ(colourOf(ticket->number), DisplayFrame::kUrgent);
    EXPECT_EQ(colourOf(ticket->number + " \u2192 Zimmer 2"), DisplayFrame::kUrgent);

    for (const std::string& text : drawnTexts()) {
        EXPECT_EQ(text.find("Mustermann"), std::string::npos) << text;
        EXPECT_EQ(text.find("Erika"), std::string::npos) << text;
        EXPECT_EQ(text.find("Rollstuhl"), std::string::npos) << text;
    }
    EXPECT_EQ(display().GetTitle(), wxString::FromUTF8("Wartezimmer-Anzeige"));
    EXPECT_EQ(display().GetTitle().Find("Mustermann"), wxNOT_FOUND);
    ASSERT_TRUE(announced(2));
    for (const std::string& event : log->copy()) {
        EXPECT_EQ(event.find("Mustermann"), std::string::npos) << event;
    }

    // A normal call after it: white, and the urgent one stays amber in the list.
    const std::string normal = callNext();
    ASSERT_TRUE(showsCurrent(normal));
    EXPECT_EQ(colourOf(normal), DisplayFrame::kNormal);
    EXPECT_EQ(colourOf(ticket->number + " \u2192 Zimmer 2"), DisplayFrame::kUrgent);
    const std::string shot = shootDisplay("waiting-room-display");
    EXPECT_FALSE(shot.empty());
}

TEST_F(DisplayWindowTest, AnotherDesksCallArrivesThroughTheLiveFeed) {
    openWithDisplay();
    const core::CachedTicket* next = frame->model().nextWaiting();
    ASSERT_NE(next, nullptr);
    const core::Ticket t = next->ticket;
    // Desk 2 calls it (straight at the server): this desk learns of it from the live feed.
    const auto answer =
        api->post("/api/tickets/" + t.id + "/transitions",
                  core::codec::encode(core::Transition{core::TicketStatus::Called, t.version,
                                                       core::now(), std::string("3"), false}),
                  core::newUuidV4());
    ASSERT_EQ(answer.status, 200) << answer.body;
    ASSERT_TRUE(showsCurrent(t.number));
    EXPECT_TRUE(drew("\u2192 Zimmer 3"));
    ASSERT_TRUE(announced(2));
}

TEST_F(DisplayWindowTest, F11AndEscapeToggleFullScreenAndTheMenuHidesAndShowsIt) {
    openWithDisplay();
    EXPECT_TRUE(display().IsFullScreen());
    wxKeyEvent esc(wxEVT_CHAR_HOOK);
    esc.m_keyCode = WXK_ESCAPE;
    esc.SetEventObject(&display());
    display().GetEventHandler()->ProcessEvent(esc);
    EXPECT_FALSE(display().IsFullScreen());
    wxKeyEvent f11(wxEVT_CHAR_HOOK);
    f11.m_keyCode = WXK_F11;
    f11.SetEventObject(&display());
    display().GetEventHandler()->ProcessEvent(f11);
    EXPECT_TRUE(display().IsFullScreen());

    frame->toggleDisplay();
    EXPECT_FALSE(display().IsShown());
    frame->toggleDisplay();
    EXPECT_TRUE(display().IsShown());
    // Sizes follow the window: a smaller window draws smaller type, still all of it.
    const std::string first = callNext();
    ASSERT_TRUE(showsCurrent(first));
    display().ShowFullScreen(false);
    display().SetSize(640, 360);
    const std::size_t paints = display().paints();
    ASSERT_TRUE(pumpUntil([&] { return display().paints() > paints; }));
    EXPECT_TRUE(drew(first));
    shootDisplay("waiting-room-display-small");
}

TEST(DisplaySettings, AreSavedLoadedAndEditedInTheSettingsDialog) {
    TempDir dir;
    const std::string path = dir.path() + "/reception.ini";
    ui::ConsoleConfig c;
    c.serverUrl = "http://127.0.0.1:8080";
    c.token = "t";
    c.display = {true, 1, false, "en", "general, lab"};
    std::string error;
    ASSERT_TRUE(c.save(path, error)) << error;
    const ui::ConsoleConfig loaded = ui::ConsoleConfig::load(path);
    EXPECT_EQ(loaded.display, c.display);
    EXPECT_EQ(ui::ConsoleConfig::load(dir.path() + "/none.ini").display, ui::DisplayConfig{})
        << "defaults: closed, monitor 0, speech on, the console's language, all queues";

    ui::SettingsDialog dialog(nullptr, loaded, {});
    EXPECT_TRUE(dialog.displayAtStart()->GetValue());
    dialog.displayAtStart()->SetValue(false);
    dialog.displayQueues()->SetValue("lab");
    const ui::ConsoleConfig edited = dialog.config();
    EXPECT_FALSE(edited.display.enabled);
    EXPECT_EQ(edited.display.queues, "lab");
    EXPECT_EQ(edited.display.monitor, 1);
    EXPECT_FALSE(edited.display.speech);
    EXPECT_EQ(edited.display.language, "en");
}

TEST(DisplayTexts, RoomDigitsBecomeZimmerOrRoom) {
    core::DisplayCall call{
        "t", "A017", "general", "Allgemein", std::string("2"), core::Priority::Normal, {}};
    EXPECT_EQ(ui::displayCallText(call, "de"), "A017 \u2192 Zimmer 2");
    EXPECT_EQ(ui::displayCallText(call, "en"), "A017 \u2192 Room 2");
    call.room = "Labor";
    EXPECT_EQ(ui::displayCallText(call, "de"), "A017 \u2192 Labor");
    call.room.reset();
    EXPECT_EQ(ui::displayCallText(call, "de"), "A017");
}

}  // namespace
}  // namespace sanad::test
