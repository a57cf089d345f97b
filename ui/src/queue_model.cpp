#include "sanad/ui/queue_model.h"

#include "sanad/ui/desk_commands.h"
#include "sanad/ui/status_chip.h"
#include "sanad/ui/texts.h"
#include "sanad/ui/translate.h"

#include <algorithm>
#include <tuple>

namespace sanad::ui {

using core::CachedTicket;
using core::TicketStatus;

namespace {

int group(const core::Ticket& t) {
    if (core::hasPosition(t.status)) {
        return 0;
    }
    return t.status == TicketStatus::InProgress ? 1 : 2;
}

}  // namespace

QueueModel::QueueModel(std::function<core::Timestamp()> clock)
    : wxDataViewVirtualListModel(0), clock_(std::move(clock)) {}

namespace {

bool before(const CachedTicket& a, const CachedTicket& b) {
    const core::Ticket& x = a.ticket;
    const core::Ticket& y = b.ticket;
    const int gx = group(x), gy = group(y);
    if (gx != gy) {
        return gx < gy;
    }
    if (gx == 0) {
        // A local check-in has no position yet: after the numbered line.
        const auto px = x.position.value_or(INT64_MAX);
        const auto py = y.position.value_or(INT64_MAX);
        return std::tie(px, x.checkedInAt) < std::tie(py, y.checkedInAt);
    }
    if (gx == 1) {
        return x.calledAt.value_or(x.updatedAt) < y.calledAt.value_or(y.updatedAt);
    }
    return x.updatedAt > y.updatedAt;
}

/// The display order as indexes into `tickets`: sorting integers moves no tickets (a stable sort
/// of 10,000 tickets themselves costs milliseconds).
std::vector<std::uint32_t> displayOrder(const std::vector<CachedTicket>& tickets) {
    std::vector<std::uint32_t> order(tickets.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    const auto less = [&](std::uint32_t i, std::uint32_t j) {
        return before(tickets[i], tickets[j]);
    };
    if (!std::is_sorted(order.begin(), order.end(), less)) {
        std::stable_sort(order.begin(), order.end(), less);
    }
    return order;
}

}  // namespace

void QueueModel::orderForDisplay(std::vector<CachedTicket>& tickets) {
    const std::vector<std::uint32_t> order = displayOrder(tickets);
    std::vector<CachedTicket> sorted;
    sorted.reserve(tickets.size());
    for (std::uint32_t i : order) {
        sorted.push_back(std::move(tickets[i]));
    }
    tickets.swap(sorted);
}

QueueModel::Update QueueModel::setTickets(std::vector<CachedTicket> tickets) {
    const std::vector<std::uint32_t> order = displayOrder(tickets);
    Update update;
    bool sameRows = tickets.size() == rows_.size();
    for (std::size_t k = 0; sameRows && k < order.size(); ++k) {
        sameRows = tickets[order[k]].ticket.id == rows_[k].ticket.id;
    }
    if (!sameRows) {
        rows_.clear();
        rows_.reserve(tickets.size());
        for (std::uint32_t i : order) {
            rows_.push_back(std::move(tickets[i]));
        }
        Reset(static_cast<unsigned>(rows_.size()));
        update.reset = true;
        return update;
    }
    for (unsigned k = 0; k < rows_.size(); ++k) {
        CachedTicket& incoming = tickets[order[k]];
        if (!(rows_[k] == incoming)) {
            rows_[k] = std::move(incoming);
            RowChanged(k);
            ++update.changed;
        }
    }
    return update;
}

void QueueModel::setShowNames(bool show) {
    if (show != showNames_) {
        showNames_ = show;
        Reset(static_cast<unsigned>(rows_.size()));
    }
}

const CachedTicket* QueueModel::at(unsigned row) const {
    return row < rows_.size() ? &rows_[row] : nullptr;
}

std::optional<unsigned> QueueModel::rowOf(const std::string& ticketId) const {
    for (unsigned i = 0; i < rows_.size(); ++i) {
        if (rows_[i].ticket.id == ticketId) {
            return i;
        }
    }
    return std::nullopt;
}

const CachedTicket* QueueModel::nextWaiting() const {
    for (const CachedTicket& c : rows_) {
        if (c.ticket.status == TicketStatus::Waiting) {
            return &c;
        }
    }
    return nullptr;
}

std::size_t QueueModel::pendingCount() const {
    return static_cast<std::size_t>(
        std::count_if(rows_.begin(), rows_.end(), [](const CachedTicket& c) { return c.pending; }));
}

wxString QueueModel::text(unsigned row, unsigned column) const {
    const CachedTicket* c = at(row);
    if (!c) {
        return wxString();
    }
    const core::Ticket& t = c->ticket;
    switch (column) {
        case Number:
            return fromUtf8(t.number);
        case Patient:
            return showNames_ && t.patient ? fromUtf8(*t.patient) : wxString::FromUTF8("—");
        case Status:
            return statusLabel(t.status);
        case Waiting:
            return core::hasPosition(t.status) ? waitingText(t.checkedInAt, clock_())
                                               : wxString::FromUTF8("—");
        case Room:
            return t.room ? fromUtf8(*t.room) : wxString();
        case Pending:
            return c->pending ? wxString::FromUTF8("⟳") : wxString();
        case Urgent:
            return t.priority == core::Priority::Urgent ? wxString("!") : wxString();
        case Note:
            return t.note && !t.note->empty() ? wxString::FromUTF8("✎") : wxString();
        case Estimate:
            return t.status == TicketStatus::Waiting ? estimateText(t.estimatedWaitMin)
                                                     : wxString();
        default:
            return wxString();
    }
}

void QueueModel::addColumns(wxDataViewCtrl* list) {
    // Fixed widths everywhere: GTK then uses fixed-height mode and never measures every row of a
    // long list. The marker of changes not yet sent comes first and narrow (GTK stretches the
    // last column).
    auto column = [list](const wxString& title, unsigned model, int width,
                         wxAlignment align = wxALIGN_NOT) {
        list->AppendTextColumn(title, model, wxDATAVIEW_CELL_INERT, list->FromDIP(width), align,
                               wxDATAVIEW_COL_RESIZABLE);
    };
    column(wxString(), Pending, 30, wxALIGN_CENTER);
    column(wxString(), Urgent, 26, wxALIGN_CENTER);
    column(_("Number"), Number, 96);
    column(wxString(), Note, 28, wxALIGN_CENTER);
    column(_("Patient"), Patient, 210);
    // The status as a coloured chip (StatusChipRenderer), at a fixed width like the rest.
    list->AppendColumn(new wxDataViewColumn(_("Status"), new StatusChipRenderer, Status,
                                            list->FromDIP(150), wxALIGN_LEFT,
                                            wxDATAVIEW_COL_RESIZABLE));
    column(_("Waiting time"), Waiting, 124);
    column(_("Estimate"), Estimate, 110);
    column(_("Room"), Room, 110);
}

void QueueModel::GetValueByRow(wxVariant& variant, unsigned row, unsigned column) const {
    const CachedTicket* c = at(row);
    if (column == Status && c) {
        variant = StatusChipRenderer::valueOf(c->ticket.status);
        return;
    }
    variant = text(row, column);
}

bool QueueModel::GetAttrByRow(unsigned row, unsigned column, wxDataViewItemAttr& attr) const {
    const CachedTicket* c = at(row);
    if (!c) {
        return false;
    }
    bool set = false;
    if (c->pending) {
        attr.SetItalic(true);
        set = true;
    }
    const bool marker = column == Urgent || column == Number;
    if (c->ticket.priority == core::Priority::Urgent && marker && core::isOpen(c->ticket.status)) {
        attr.SetColour(wxColour(198, 40, 40));  // urgent: the number and its "!" in red
        attr.SetBold(true);
        return true;
    }
    if (c->ticket.status == TicketStatus::Called) {
        attr.SetBold(true);
        set = true;
    } else if (!core::isOpen(c->ticket.status)) {
        attr.SetColour(wxColour(120, 120, 120));
        set = true;
    }
    return set;
}

}  // namespace sanad::ui
