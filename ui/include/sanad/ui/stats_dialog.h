#pragma once

#include "sanad/core/sync_engine.h"

#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <optional>
#include <vector>

namespace sanad::ui {

/// The day's check-ins by hour as bars, the median wait by hour as a line (its own scale on the
/// right), drawn with wxGraphicsContext. UI thread only.
class StatsChart : public wxPanel {
public:
    explicit StatsChart(wxWindow* parent);
    void show(std::vector<core::HourStats> hours);
    const std::vector<core::HourStats>& hours() const { return hours_; }

private:
    void onPaint(wxPaintEvent& event);
    std::vector<core::HourStats> hours_;
};

/// "Tagesstatistik": per queue check-ins, completed, no-shows, cancelled, open, median and 90th
/// percentile wait, and the chart of the queue selected in the table. Asks the engine when it
/// opens (none: a test shows a result itself); offline it shows the cached figures and their age.
/// UI thread only.
class StatsDialog : public wxDialog {
public:
    StatsDialog(wxWindow* parent, core::SyncEngine* engine, std::vector<core::Queue> queues,
                const std::string& currentQueue);

    void show(const core::StatsResult& result);
    bool loaded() const { return loaded_; }
    wxListCtrl* list() const { return list_; }
    StatsChart* chart() const { return chart_; }
    wxString caption() const { return caption_->GetLabel(); }
    /// Shows the chart of the table's row `index`.
    void selectQueue(long index);

private:
    wxString queueName(const std::string& id) const;

    std::vector<core::Queue> queues_;
    std::string currentQueue_;
    wxStaticText* caption_;
    wxListCtrl* list_;
    wxStaticText* chartTitle_;
    StatsChart* chart_;
    std::optional<core::StatsResponse> stats_;
    bool loaded_ = false;
};

}  // namespace sanad::ui
