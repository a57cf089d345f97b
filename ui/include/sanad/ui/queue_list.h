#pragma once

#include "sanad/ui/queue_model.h"

#include <wx/dataview.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sanad::ui {

/// The queue list: a wxDataViewCtrl over a QueueModel (its columns, a larger font), with the
/// selection kept by ticket id across updates and a "not yet sent" tooltip on the pending
/// marker. UI thread only.
class QueueList : public wxDataViewCtrl {
public:
    /// `selectionChanged` runs after the receptionist changed the selection (not after an
    /// update that only restored it).
    QueueList(wxWindow* parent, std::function<void()> selectionChanged);

    QueueModel& model() { return *model_; }
    const QueueModel& model() const { return *model_; }
    /// Shows a new snapshot; the selected ticket stays selected, or the selection goes when the
    /// ticket left the list.
    void show(std::vector<core::CachedTicket> tickets);
    /// Selects and reveals the ticket; false when it is not in the list.
    bool selectTicket(const std::string& ticketId);
    void clearSelection() { selectedId_.reset(); }
    const std::optional<std::string>& selectedId() const { return selectedId_; }
    /// The selected ticket as shown; null without a selection.
    const core::CachedTicket* selectedTicket() const;
    /// The ticket of a row of the list (context menu); null when none.
    const core::CachedTicket* ticketAt(const wxDataViewItem& item) const;

private:
    void onSelectionChanged(wxDataViewEvent& event);
    void onMotion(wxMouseEvent& event);

    wxObjectDataPtr<QueueModel> model_;
    std::function<void()> selectionChanged_;
    std::optional<std::string> selectedId_;
    bool restoringSelection_ = false;
};

}  // namespace sanad::ui
