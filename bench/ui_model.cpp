// The console's queue list with 10,000 tickets (issue 6 targets: one-row update < 5 ms, full
// refresh < 50 ms, RSS < 150 MB), measured in a real wxDataViewCtrl on a real X display (run it
// under xvfb-run, see bench/README.md). Each figure includes the control's repaint (Update()).
// Baseline, measured in the same run: the same operations on a practice-sized list of 100.
// Prints figures; asserts nothing.
#include "sanad/ui/queue_model.h"

#include <wx/app.h>
#include <wx/frame.h>
#include <wx/init.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

using namespace sanad;
using Clock = std::chrono::steady_clock;

std::vector<core::CachedTicket> line(std::size_t n, const std::string& prefix) {
    const core::Timestamp now = core::now();
    std::vector<core::CachedTicket> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        core::Ticket& t = out[i].ticket;
        t.id = prefix + std::to_string(i);
        t.number = "A" + std::to_string(1000 + i);
        t.queueId = "general";
        t.status = i % 10 == 9 ? core::TicketStatus::InProgress : core::TicketStatus::Waiting;
        if (core::hasPosition(t.status)) {
            t.position = static_cast<std::int64_t>(i + 1);
        }
        t.patient = "Patient " + std::to_string(i);
        t.checkedInAt = now - std::chrono::seconds(n - i);
        t.updatedAt = t.checkedInAt;
    }
    return out;
}

long rssKb() {
    std::ifstream status("/proc/self/status");
    for (std::string l; std::getline(status, l);) {
        if (l.rfind("VmRSS:", 0) == 0) {
            return std::stol(l.substr(6));
        }
    }
    return -1;
}

struct Figures {
    double fullMs = 0, rowMs = 0, rowModelMs = 0;
    long rssKb = 0;  // with the list alive
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

Figures measure(std::size_t n, int rounds) {
    auto* frame = new wxFrame(nullptr, wxID_ANY, "bench", wxDefaultPosition, wxSize(1100, 720));
    auto* list = new wxDataViewCtrl(frame, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                    wxDV_SINGLE | wxDV_ROW_LINES | wxDV_VERT_RULES);
    wxObjectDataPtr<ui::QueueModel> model(new ui::QueueModel);
    list->AssociateModel(model.get());
    ui::QueueModel::addColumns(list);
    frame->Show();
    wxTheApp->Yield(true);

    std::vector<double> full, row, rowModel;
    for (int r = 0; r < rounds; ++r) {
        // A full refresh: a new set of rows (another queue chosen, a catch-up after an outage).
        auto tickets = line(n, "r" + std::to_string(r) + "-");
        auto snapshot = tickets;
        auto t0 = Clock::now();
        model->setTickets(std::move(snapshot));
        list->Update();
        wxTheApp->Yield(true);
        full.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());

        // A one-row update: the same rows, one of them called.
        tickets[n / 2].ticket.status = core::TicketStatus::Called;
        tickets[n / 2].ticket.version += 1;
        auto changed = tickets;  // as the engine hands it over: moved in, not copied
        t0 = Clock::now();
        model->setTickets(std::move(changed));
        const auto t1 = Clock::now();
        list->Update();
        wxTheApp->Yield(true);
        row.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        rowModel.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    const long rss = rssKb();
    list->AssociateModel(nullptr);
    frame->Destroy();
    wxTheApp->Yield(true);
    return {median(full), median(row), median(rowModel), rss};
}

class BenchApp : public wxApp {
public:
    bool OnInit() override { return true; }
};

}  // namespace

int main(int argc, char** argv) {
    wxApp::SetInstance(new BenchApp);
    if (!wxEntryStart(argc, argv) || !wxTheApp->CallOnInit()) {
        std::fprintf(stderr, "no display: run under xvfb-run (bench/README.md)\n");
        return 1;
    }
    const int rounds = 15;
    const Figures base = measure(100, rounds);
    const Figures big = measure(10000, rounds);
    std::printf("queue model in a wxDataViewCtrl, median of %d rounds, repaint included\n", rounds);
    std::printf("  %-28s %10s %10s %8s\n", "", "100 rows", "10k rows", "ratio");
    std::printf("  %-28s %8.2f ms %8.2f ms %7.1fx   (target < 50 ms)\n", "full refresh",
                base.fullMs, big.fullMs, big.fullMs / base.fullMs);
    std::printf("  %-28s %8.2f ms %8.2f ms %7.1fx   (target < 5 ms)\n", "one-row update",
                base.rowMs, big.rowMs, big.rowMs / base.rowMs);
    std::printf("  %-28s %8.2f ms %8.2f ms %7.1fx\n", "  of which the model", base.rowModelMs,
                big.rowModelMs, big.rowModelMs / base.rowModelMs);
    std::printf(
        "  RSS with the list shown: %.1f MB (100 rows), %.1f MB (10k rows; target < 150 MB)\n",
        base.rssKb / 1024.0, big.rssKb / 1024.0);
    wxTheApp->OnExit();
    wxEntryCleanup();
    return 0;
}
