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

std::string_view toString(Priority priority) {
    return priority == Priority::Urgent ? "urgent" : "normal";
}

std::optional<Priority> parsePriority(std::string_view text) {
    if (text == "normal") {
        return Priority::Normal;
    }
    if (text == "urgent") {
        return Priority::Urgent;
    }
    return std::nullopt;
}

std::string_view toString(TicketSource source) {
    return source == TicketSource::Desk ? "desk" : "card";
}

std::optional<TicketSource> parseTicketSource(std::string_view text) {
    if (text == "card") {
        return TicketSource::Card;
    }
    if (text == "desk") {
        return TicketSource::Desk;
    }
    return std::nullopt;
}

std::size_t utf8Length(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        // every byte but a continuation byte (10xxxxxx) starts a code point
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
            ++count;
        }
    }
    return count;
}

bool standsBefore(const Ticket& a, const Ticket& b) {
    if (a.priority != b.priority) {
        return a.priority == Priority::Urgent;
    }
    if (a.queuedAt != b.queuedAt) {
        return a.queuedAt < b.queuedAt;
    }
    return a.id < b.id;
}

}  // namespace sanad::core
