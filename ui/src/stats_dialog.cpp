#include "sanad/ui/stats_dialog.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/dialog_parts.h"
#include "sanad/ui/texts.h"
#include "sanad/ui/then_on_window.h"

#include <Poco/Logger.h>

#include <wx/button.h>
#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/sizer.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace sanad::ui {

namespace {

/// Minutes with one decimal, in the language's way ("12,5 Min."); "—" without a value.
wxString minutesText(const std::optional<double>& minutes) {
    if (!minutes) {
        return U8("—");
    }
    // wxString::Format uses the C locale (kept "C"): the decimal separator comes from the catalog.
    const long tenths = std::lround(*minutes * 10);
    return wxString::Format(_("%ld%s%ld min"), tenths / 10, _("."), tenths % 10);
}

const wxColour kBar(100, 149, 237);
const wxColour kLine(211, 84, 0);

}  // namespace

StatsChart::StatsChart(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, parent->FromDIP(wxSize(640, 220))) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, &StatsChart::onPaint, this);
}

void StatsChart::show(std::vector<core::HourStats> hours) {
    hours_ = std::move(hours);
    Refresh();
}

void StatsChart::onPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) {
        return;
    }
    const wxSize size = GetClientSize();
    const double left = FromDIP(40), right = FromDIP(70), top = FromDIP(24), bottom = FromDIP(24);
    const double w = size.x - left - right, h = size.y - top - bottom;
    gc->SetFont(GetFont(), wxColour(80, 80, 80));
    if (hours_.empty() || w <= 0 || h <= 0) {
        gc->DrawText(_("No check-ins yet today"), left, top);
        return;
    }
    // Every hour from the first to the last with check-ins, so gaps show as gaps.
    const std::int64_t first = hours_.front().hour, last = hours_.back().hour;
    const std::size_t slots = static_cast<std::size_t>(last - first + 1);
    std::int64_t maxCount = 1;
    double maxWait = 1;
    for (const core::HourStats& s : hours_) {
        maxCount = std::max(maxCount, s.checkedIn);
        maxWait = std::max(maxWait, s.waitMedianMin.value_or(0));
    }
    const double slot = w / static_cast<double>(slots);
    gc->SetPen(wxPen(wxColour(200, 200, 200)));
    gc->StrokeLine(left, top + h, left + w, top + h);
    wxGraphicsPath line = gc->CreatePath();
    bool started = false;
    for (const core::HourStats& s : hours_) {
        const double x = left + static_cast<double>(s.hour - first) * slot;
        const double bh = h * static_cast<double>(s.checkedIn) / static_cast<double>(maxCount);
        gc->SetPen(*wxTRANSPARENT_PEN);
        gc->SetBrush(wxBrush(kBar));
        gc->DrawRectangle(x + slot * 0.15, top + h - bh, slot * 0.7, bh);
        const wxString count = wxString::Format("%lld", static_cast<long long>(s.checkedIn));
        double tw = 0, th = 0;
        gc->GetTextExtent(count, &tw, &th);
        gc->DrawText(count, x + (slot - tw) / 2, top + h - bh - th - 1);
        const wxString hour = wxString::Format("%02lld", static_cast<long long>(s.hour));
        gc->GetTextExtent(hour, &tw, &th);
        gc->DrawText(hour, x + (slot - tw) / 2, top + h + 3);
        if (s.waitMedianMin) {
            const double y = top + h - h * *s.waitMedianMin / maxWait;
            const double cx = x + slot / 2;
            if (started) {
                line.AddLineToPoint(cx, y);
            } else {
                line.MoveToPoint(cx, y);
                started = true;
            }
            gc->SetBrush(wxBrush(kLine));
            gc->DrawEllipse(cx - 3, y - 3, 6, 6);
        }
    }
    gc->SetPen(wxPen(kLine, 2));
    gc->StrokePath(line);
    // Legend and the wait scale.
    gc->SetFont(GetFont(), kBar);
    gc->DrawText(_("Check-ins per hour"), left, 2);
    gc->SetFont(GetFont(), kLine);
    const wxString wait = _("Wait (median)");
    double tw = 0, th = 0;
    gc->GetTextExtent(wait, &tw, &th);
    gc->DrawText(wait, left + w + right - tw - 2, 2);
    gc->DrawText(minutesText(maxWait), left + w + 4, top - th / 2);
}

StatsDialog::StatsDialog(wxWindow* parent, core::SyncEngine* engine,
                         std::vector<core::Queue> queues, const std::string& currentQueue)
    : wxDialog(parent, wxID_ANY, _("Today's statistics"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      queues_(std::move(queues)),
      currentQueue_(currentQueue) {
    caption_ = new wxStaticText(this, wxID_ANY, _("Loading …"));
    list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 130)),
                           wxLC_REPORT | wxLC_SINGLE_SEL);
    const wxString columns[] = {
        _("Queue"),     _("Check-ins"), _("Completed"),     _("No-shows"),
        _("Cancelled"), _("Open"),      _("Wait (median)"), _("Wait (90th percentile)")};
    int width = 0;
    for (std::size_t i = 0; i < std::size(columns); ++i) {
        // As wide as the header (German headers are long), at least as wide as the figures.
        const int header = list_->GetTextExtent(columns[i]).x + FromDIP(24);
        const int w = std::max(header, FromDIP(i == 0 ? 150 : 70));
        list_->AppendColumn(columns[i], i == 0 ? wxLIST_FORMAT_LEFT : wxLIST_FORMAT_RIGHT, w);
        width += w;
    }
    list_->SetMinSize(wxSize(width + FromDIP(8), FromDIP(130)));
    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) { selectQueue(e.GetIndex()); });
    chartTitle_ = new wxStaticText(this, wxID_ANY, wxString());
    chart_ = new StatsChart(this);
    wxButton* close = closeButton(*this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(caption_, 0, wxLEFT | wxRIGHT | wxTOP, 12);
    sizer->Add(list_, 0, wxEXPAND | wxALL, 12);
    sizer->Add(chartTitle_, 0, wxLEFT | wxRIGHT, 12);
    sizer->Add(chart_, 1, wxEXPAND | wxALL, 12);
    sizer->Add(close, 0, wxALIGN_RIGHT | wxLEFT | wxRIGHT | wxBOTTOM, 12);
    SetSizerAndFit(sizer);
    if (engine) {
        engine->stats(std::nullopt,
                      thenOnWindow<core::StatsResult>(
                          *this, [this](core::StatsResult r) { show(r); },
                          [this](const std::string& error) {
                              Poco::Logger::get("sanad.ui").warning("stats: %s", error);
                              show(core::StatsResult{});
                          }));
    }
}

wxString StatsDialog::queueName(const std::string& id) const {
    for (const core::Queue& q : queues_) {
        if (q.id == id) {
            return fromUtf8(q.name);
        }
    }
    return fromUtf8(id);
}

void StatsDialog::show(const core::StatsResult& result) {
    loaded_ = true;
    list_->DeleteAllItems();
    stats_ = result.stats;
    if (!stats_) {
        caption_->SetLabel(_("No figures yet: the statistics need the server once."));
        chart_->show({});
        return;
    }
    const core::Timestamp now = core::now();
    wxString caption = wxString::Format(_("Day: %s"), fromUtf8(stats_->day));
    if (result.cached && result.fetchedAt) {
        caption += U8(" · ") + wxString::Format(_("Offline – figures as of %s"),
                                                whenText(*result.fetchedAt, now));
    }
    caption_->SetLabel(caption);
    long select = 0;
    for (std::size_t i = 0; i < stats_->queues.size(); ++i) {
        const core::QueueStats& q = stats_->queues[i];
        const long row = list_->InsertItem(static_cast<long>(i), queueName(q.queueId));
        const std::int64_t counts[] = {q.checkedIn, q.completed, q.noShow, q.cancelled, q.open};
        for (int c = 0; c < 5; ++c) {
            list_->SetItem(row, c + 1, wxString::Format("%lld", static_cast<long long>(counts[c])));
        }
        list_->SetItem(row, 6, minutesText(q.waitMedianMin));
        list_->SetItem(row, 7, minutesText(q.waitP90Min));
        if (q.queueId == currentQueue_) {
            select = row;
        }
    }
    if (!stats_->queues.empty()) {
        list_->SetItemState(select, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        selectQueue(select);
    }
}

void StatsDialog::selectQueue(long index) {
    if (!stats_ || index < 0 || static_cast<std::size_t>(index) >= stats_->queues.size()) {
        return;
    }
    const core::QueueStats& q = stats_->queues[static_cast<std::size_t>(index)];
    chartTitle_->SetLabel(wxString::Format(_("By hour: %s"), queueName(q.queueId)));
    chart_->show(q.byHour);
}

}  // namespace sanad::ui
