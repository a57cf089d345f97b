#include "sanad/core/outcome.h"

namespace sanad::core {

std::string_view toString(OutcomeClass outcome) {
    switch (outcome) {
        case OutcomeClass::Success:
            return "success";
        case OutcomeClass::NetworkLoss:
            return "network_loss";
        case OutcomeClass::ServerFailure:
            return "server_failure";
        case OutcomeClass::Unavailable:
            return "unavailable";
        case OutcomeClass::InFlight:
            return "in_flight";
        case OutcomeClass::Conflict:
            return "conflict";
        case OutcomeClass::Permanent:
            return "permanent";
    }
    return "unknown";
}

OutcomeClass classifyHttp(int status, std::string_view errorCode) {
    if (status >= 200 && status < 300) {
        return OutcomeClass::Success;
    }
    if (status == 502 || status == 503 || status == 504 || status == 429) {
        return OutcomeClass::Unavailable;
    }
    if (status >= 500 && status < 600) {
        return OutcomeClass::ServerFailure;
    }
    if (status == 408) {
        return OutcomeClass::ServerFailure;
    }
    if (status == 409 && errorCode == "idempotency_in_flight") {
        return OutcomeClass::InFlight;
    }
    if (status == 409 && errorCode == "conflict") {
        return OutcomeClass::Conflict;
    }
    if (status >= 400 && status < 500) {
        return OutcomeClass::Permanent;
    }
    // 1xx, 3xx or a status outside HTTP: the server does not speak the contract.
    return status < 100 || status > 599 ? OutcomeClass::ServerFailure : OutcomeClass::Permanent;
}

bool countsAsAttempt(OutcomeClass outcome) {
    return outcome == OutcomeClass::ServerFailure;
}

bool isRetryable(OutcomeClass outcome) {
    return outcome == OutcomeClass::NetworkLoss || outcome == OutcomeClass::Unavailable ||
           outcome == OutcomeClass::InFlight || countsAsAttempt(outcome);
}

}  // namespace sanad::core
