#include "sanad/ui/queue_list.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/texts.h"

namespace sanad::ui {

QueueList::QueueList(wxWindow* parent, std::function<void()> selectionChanged)
    : wxDataViewCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                     wxDV_SINGLE | wxDV_ROW_LINES | wxDV_VERT_RULES),
      model_(new QueueModel),
      selectionChanged_(std::move(selectionChanged)) {
    AssociateModel(model_.get());
    wxFont listFont = GetFont();
    listFont.SetPointSize(listFont.GetPointSize() + 2);
    SetFont(listFont);
    QueueModel::addColumns(this);
    Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, &QueueList::onSelectionChanged, this);
    GetMainWindow()->Bind(wxEVT_MOTION, &QueueList::onMotion, this);
}

void QueueList::show(std::vector<core::CachedTicket> tickets) {
    restoringSelection_ = true;
    const QueueModel::Update update = model_->setTickets(std::move(tickets));
    if (update.reset && selectedId_) {
        if (const auto row = model_->rowOf(*selectedId_)) {
            Select(model_->GetItem(*row));
        } else {
            selectedId_.reset();  // the ticket left this queue
        }
    }
    restoringSelection_ = false;
}

bool QueueList::selectTicket(const std::string& ticketId) {
    const auto row = model_->rowOf(ticketId);
    if (!row) {
        return false;
    }
    selectedId_ = ticketId;
    const wxDataViewItem item = model_->GetItem(*row);
    Select(item);
    EnsureVisible(item);
    return true;
}

const core::CachedTicket* QueueList::selectedTicket() const {
    if (!selectedId_) {
        return nullptr;
    }
    const auto row = model_->rowOf(*selectedId_);
    return row ? model_->at(*row) : nullptr;
}

const core::CachedTicket* QueueList::ticketAt(const wxDataViewItem& item) const {
    return item.IsOk() ? model_->at(model_->GetRow(item)) : nullptr;
}

void QueueList::onSelectionChanged(wxDataViewEvent&) {
    if (restoringSelection_) {
        return;
    }
    if (const core::CachedTicket* c = ticketAt(GetSelection())) {
        selectedId_ = c->ticket.id;
    } else if (!GetSelection().IsOk()) {
        selectedId_.reset();
    }
    if (selectionChanged_) {
        selectionChanged_();
    }
}

void QueueList::onMotion(wxMouseEvent& event) {
    event.Skip();
    wxDataViewItem item;
    wxDataViewColumn* column = nullptr;
    HitTest(event.GetPosition(), item, column);
    wxString tip;
    // The note only here, for the desk: never on a display or the patient page.
    if (const core::CachedTicket* c = column ? ticketAt(item) : nullptr) {
        switch (column->GetModelColumn()) {
            case QueueModel::Pending:
                tip = c->pending ? _("Not yet sent") : wxString();
                break;
            case QueueModel::Note:
                tip = c->ticket.note ? fromUtf8(*c->ticket.note) : wxString();
                break;
            case QueueModel::Urgent:
                tip = c->ticket.priority == core::Priority::Urgent ? _("Urgent") : wxString();
                break;
            default:
                break;
        }
    }
    wxWindow* main = GetMainWindow();
    if (main->GetToolTipText() != tip) {
        main->SetToolTip(tip);
    }
}

}  // namespace sanad::ui
