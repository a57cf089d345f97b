#include "sanad/core/offline_request.h"

namespace sanad::core {

std::string_view toString(OutboxStatus status) {
    switch (status) {
        case OutboxStatus::Pending:
            return "pending";
        case OutboxStatus::Retrying:
            return "retrying";
        case OutboxStatus::Failed:
            return "failed";
        case OutboxStatus::Synced:
            return "synced";
        case OutboxStatus::Conflict:
            return "conflict";
    }
    return "unknown";
}

std::optional<OutboxStatus> parseOutboxStatus(std::string_view text) {
    for (OutboxStatus s : {OutboxStatus::Pending, OutboxStatus::Retrying, OutboxStatus::Failed,
                           OutboxStatus::Synced, OutboxStatus::Conflict}) {
        if (toString(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

}  // namespace sanad::core
