#pragma once

#include "core_context.h"

#include <optional>
#include <string>

namespace sanad::core {

/// Ticket numbers for check-ins (DESIGN.md, open question 1): from the block of numbers this
/// desk leased from the server, else a provisional one (`~A001`, never sent). Keeps the block
/// topped up while online. Thread-safety: the core's thread only.
class NumberLeaser {
public:
    explicit NumberLeaser(CoreContext& context) : context_(context) {}

    struct Taken {
        std::string number;                 // what the patient is shown
        std::optional<std::string> leased;  // the number to send (none: provisional)
    };
    /// The next number for a check-in in `queueId` on `day`. Call inside the transaction that
    /// stores the check-in: if that rolls back, the number is not used up.
    Taken take(const std::string& queueId, const std::string& day);

    /// Leases a new block when fewer than the settings' threshold are left (online only; a
    /// failure waits for the next sync).
    void topUp();

private:
    CoreContext& context_;
};

}  // namespace sanad::core
