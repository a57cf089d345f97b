// The waiting-room display's latency (issue 15, target < 200 ms): from a call's commit in the
// console core to the DisplayFrame's paint handler having drawn its number, over 50 calls online
// (a real sanad-server --demo) and 50 offline (the server stopped). The real console window and
// engine, a silent voice. "Commit" is the call's called_at, which the core stamps just before
// the transaction that commits it (so the figure is an upper bound of commit → paint); the
// second column adds the hop from the UI thread's request to the core. Run it under xvfb-run
// (bench/README.md). Prints figures; asserts nothing.
#include "server_process.h"

#include "sanad/core/codec.h"
#include "sanad/core/uuid.h"
#include "sanad/ui/main_frame.h"

#include <wx/app.h>
#include <wx/init.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <thread>

namespace {

using namespace sanad;
using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

class SilentVoice : public core::Voice {
public:
    void chime() override {}
    void speak(const std::string&, const std::string&) override {}
};

bool pumpUntil(const std::function<bool()>& condition, std::chrono::seconds deadline = 30s) {
    const auto end = Steady::now() + deadline;
    while (!condition()) {
        if (Steady::now() > end) {
            return false;
        }
        wxTheApp->Yield(true);
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

struct Figures {
    std::vector<double> commitToPaint, requestToPaint;
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double maximum(const std::vector<double>& v) {
    return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}

/// Calls `calls` waiting tickets one after another, each once the previous one is painted.
bool measure(ui::MainFrame& frame, int calls, Figures& out) {
    ui::DisplayFrame& display = *frame.display();
    for (int i = 0; i < calls; ++i) {
        const core::CachedTicket* next = frame.model().nextWaiting();
        if (!next) {
            std::fprintf(stderr, "no waiting ticket left\n");
            return false;
        }
        const std::string id = next->ticket.id, number = next->ticket.number;
        std::optional<core::Timestamp> paintedAt;
        std::optional<Steady::time_point> paintedSteady;
        display.onPainted([&] {
            const auto current = frame.waitingRoom().board().current();
            if (!paintedAt && current && current->ticketId == id &&
                std::any_of(display.drawn().begin(), display.drawn().end(),
                            [&](const ui::DisplayFrame::Drawn& d) { return d.text == number; })) {
                paintedAt = core::now();
                paintedSteady = Steady::now();
            }
        });
        const auto requested = Steady::now();
        frame.engine().transition(id, core::TicketStatus::Called, std::string("2"), {});
        if (!pumpUntil([&] { return paintedAt.has_value(); })) {
            std::fprintf(stderr, "call %d was never painted\n", i);
            return false;
        }
        const core::Timestamp calledAt = frame.waitingRoom().board().current()->calledAt;
        out.commitToPaint.push_back(
            std::chrono::duration<double, std::milli>(*paintedAt - calledAt).count());
        out.requestToPaint.push_back(
            std::chrono::duration<double, std::milli>(*paintedSteady - requested).count());
        // The list follows (the next waiting ticket must be one not called yet).
        pumpUntil([&] {
            const core::CachedTicket* n = frame.model().nextWaiting();
            return !n || n->ticket.id != id;
        });
    }
    display.onPainted({});
    return true;
}

void print(const char* what, const Figures& f) {
    std::printf(
        "  %-8s %3zu calls  commit→paint median %6.1f ms  max %6.1f ms   "
        "request→paint median %6.1f ms  max %6.1f ms\n",
        what, f.commitToPaint.size(), median(f.commitToPaint), maximum(f.commitToPaint),
        median(f.requestToPaint), maximum(f.requestToPaint));
}

class BenchApp : public wxApp {
public:
    bool OnInit() override { return true; }
};

int run(int calls) {
    test::ServerProcess server;
    const std::string token = server.addDevice("Empfang 1");
    test::Client api(server.port(), token);
    // Enough waiting tickets for both rounds: walk-ins at the server (card-less check-ins).
    for (int i = 0; i < 2 * calls; ++i) {
        core::DeskCheckIn walkIn;
        walkIn.ticketId = core::newUuidV4();
        walkIn.queueId = "general";
        walkIn.checkedInAt = core::now();
        const auto r =
            api.post("/api/desk/check-in", core::codec::encode(walkIn), core::newUuidV4());
        if (r.status != 200 && r.status != 201) {
            std::fprintf(stderr, "check-in refused: %d %s\n", r.status, r.body.c_str());
            return 1;
        }
    }
    test::TempDir data;
    ui::ConsoleOptions o;
    o.config.serverUrl = server.baseUrl();
    o.config.token = token;
    o.config.dataDir = data.path() + "/console";
    o.config.room = "2";
    o.config.display.enabled = true;
    o.pcscReader = false;
    o.engine.periodic = 30s;
    o.voice = [] { return std::make_unique<SilentVoice>(); };
    auto* frame = new ui::MainFrame(o);
    frame->Show();
    if (!pumpUntil([&] {
            return frame->viewLoaded() && frame->online() == true &&
                   frame->model().size() >= static_cast<std::size_t>(2 * calls);
        })) {
        std::fprintf(stderr, "the window never showed the queue\n");
        return 1;
    }
    Figures online, offline;
    bool ok = measure(*frame, calls, online);
    server.stop();
    ok = ok && pumpUntil([&] {
             frame->syncNow();
             return frame->online() == false;
         });
    ok = ok && measure(*frame, calls, offline);
    std::printf(
        "waiting-room display: a call's commit to the DisplayFrame's paint (target < 200 ms)\n");
    print("online", online);
    print("offline", offline);
    frame->Destroy();
    pumpUntil([] { return wxTopLevelWindows.empty(); });
    return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const int calls = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
    wxApp::SetInstance(new BenchApp);
    if (!wxEntryStart(argc, argv) || !wxTheApp->CallOnInit()) {
        std::fprintf(stderr, "no display: run under xvfb-run (bench/README.md)\n");
        return 1;
    }
    const int rc = run(calls);
    wxTheApp->OnExit();
    wxEntryCleanup();
    return rc;
}
