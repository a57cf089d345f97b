#include "sanad/ui/queue_model.h"

#include "sanad/ui/texts.h"

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

void QueueModel::orderForDisplay(std::vector<CachedTicket>& tickets) {
    std::stable_sort(
        tickets.begin(), tickets.end(), [](const CachedTicket& a, const CachedTicket& b) {
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
        });
}

QueueModel::Update QueueModel::setTickets(std::vector<CachedTicket> tickets) {
    orderForDisplay(tickets);
    Update update;
    const bool sameRows = tickets.size() == rows_.size() &&
                          std::equal(tickets.begin(), tickets.end(), rows_.begin(),
                                     [](const CachedTicket& a, const CachedTicket& b) {
                                         return a.ticket.id == b.ticket.id;
                                     });
    if (!sameRows) {
        rows_ = std::move(tickets);
        Reset(static_cast<unsigned>(rows_.size()));
        update.reset = true;
        return update;
    }
    for (unsigned i = 0; i < rows_.size(); ++i) {
        if (!(rows_[i] == tickets[i])) {
            rows_[i] = std::move(tickets[i]);
            RowChanged(i);
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
        default:
            return wxString();
    }
}

void QueueModel::GetValueByRow(wxVariant& variant, unsigned row, unsigned column) const {
    variant = text(row, column);
}

bool QueueModel::GetAttrByRow(unsigned row, unsigned /*column*/, wxDataViewItemAttr& attr) const {
    const CachedTicket* c = at(row);
    if (!c) {
        return false;
    }
    bool set = false;
    if (c->pending) {
        attr.SetItalic(true);
        set = true;
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
