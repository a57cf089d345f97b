#pragma once

#include "sanad/core/console_store.h"

#include <wx/dataview.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sanad::ui {

/// The queue list's virtual model: rows are a std::vector<CachedTicket> in display order, values
/// are made when a row is painted (the waiting time from the clock at that moment).
/// Thread-safety: UI thread only, like the wxDataViewCtrl that shows it.
class QueueModel : public wxDataViewVirtualListModel {
public:
    enum Column : unsigned {
        Number,
        Patient,
        Status,
        Waiting,
        Room,
        Pending,
        Urgent,    // "!" on urgent tickets
        Note,      // an icon when the ticket has a note (the note is the tooltip)
        Estimate,  // "ca. 15 Min." while waiting, when the server has an estimate
        ColumnCount
    };

    /// What setTickets did to the rows shown.
    struct Update {
        bool reset = false;       // the set or order of rows changed: one Reset
        std::size_t changed = 0;  // else: rows reported one by one with RowChanged
    };

    explicit QueueModel(std::function<core::Timestamp()> clock = core::now);

    /// Display order: waiting and called by position (then check-in time), then in treatment, then
    /// the finished ones (completed, cancelled, no-show), latest first.
    static void orderForDisplay(std::vector<core::CachedTicket>& tickets);

    Update setTickets(std::vector<core::CachedTicket> tickets);
    /// The list's columns, in the window and in the benchmark alike.
    static void addColumns(wxDataViewCtrl* list);
    void setShowNames(bool show);

    std::size_t size() const { return rows_.size(); }
    const core::CachedTicket* at(unsigned row) const;
    std::optional<unsigned> rowOf(const std::string& ticketId) const;
    /// The first waiting ticket in display order (what "call next" calls).
    const core::CachedTicket* nextWaiting() const;
    std::size_t pendingCount() const;

    /// The text of one cell, as painted (the status column's chip shows statusLabel).
    wxString text(unsigned row, unsigned column) const;

    // wxDataViewVirtualListModel
    void GetValueByRow(wxVariant& variant, unsigned row, unsigned column) const override;
    bool SetValueByRow(const wxVariant&, unsigned, unsigned) override { return false; }
    bool GetAttrByRow(unsigned row, unsigned column, wxDataViewItemAttr& attr) const override;

private:
    std::function<core::Timestamp()> clock_;
    std::vector<core::CachedTicket> rows_;
    bool showNames_ = true;
};

}  // namespace sanad::ui
