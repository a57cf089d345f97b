#include "sanad/core/ticket.h"

#include <array>
#include <utility>

namespace sanad::core {
namespace {

constexpr std::array<std::pair<TicketStatus, std::string_view>, 6> kNames{{
    {TicketStatus::Waiting, "waiting"},
    {TicketStatus::Called, "called"},
    {TicketStatus::InProgress, "in_progress"},
    {TicketStatus::Completed, "completed"},
    {TicketStatus::Cancelled, "cancelled"},
    {TicketStatus::NoShow, "no_show"},
}};

}  // namespace

std::string_view toString(TicketStatus status) {
    for (const auto& [value, name] : kNames) {
        if (value == status) {
            return name;
        }
    }
    return "unknown";
}

std::optional<TicketStatus> parseTicketStatus(std::string_view text) {
    for (const auto& [value, name] : kNames) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

bool isOpen(TicketStatus status) {
    return status == TicketStatus::Waiting || status == TicketStatus::Called ||
           status == TicketStatus::InProgress;
}

bool hasPosition(TicketStatus status) {
    return status == TicketStatus::Waiting || status == TicketStatus::Called;
}

}  // namespace sanad::core
