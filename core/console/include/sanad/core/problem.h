#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sanad::core {

/// Why something did not work, as the core tells the UI and sanad-cli. Typed so that each front
/// end words it itself (the console in German or English in ui/texts.cpp, sanad-cli in English):
/// no English server `message` reaches a German window. `detail` is for logs and support (never a
/// card UID, token or patient name).
enum class ProblemKind {
    NeverConnected,       // no practice key yet: the desk never reached the server
    CardUnreadable,       // the tap gave no usable card reference
    StoreUnavailable,     // the console's database could not be written or read (disk, lock)
    StoreDamaged,         // the console's database was damaged and moved aside at start
    UnknownTicket,        // a change for a ticket this desk does not have
    InvalidTransition,    // the ticket's status does not allow this step
    ChangeRefused,        // the server refused a change for good (a 4xx)
    GaveUp,               // the server failed the change on every attempt (500 …)
    DeskRefused,          // the server refused this desk (401/403: token wrong or revoked)
    ServerFailing,        // the server answered with a failure when asked for the queue
    AnswerNotUnderstood,  // the server's answer is not the contract
    NeedsServer,          // a question only the server can answer (history), and it is away
    Internal,             // anything else; see detail
};

std::string_view toString(ProblemKind kind);
std::optional<ProblemKind> parseProblemKind(std::string_view text);

struct Problem {
    ProblemKind kind = ProblemKind::Internal;
    std::string detail;  // English, for logs and support
    bool operator==(const Problem&) const = default;
};

}  // namespace sanad::core
