#pragma once

#include "core_context.h"

#include <optional>

namespace sanad::core {

/// Keeps the console's cache of the server's state: the full refresh (config, queues, tickets),
/// the catch-up from the change feed (`/api/changes?since=`), and the live feed's changes. A
/// ticket this desk still has its own change of on the way keeps the local version.
/// Thread-safety: the core's thread only.
class CachePuller {
public:
    explicit CachePuller(CoreContext& context) : context_(context) {}

    /// Config, queues and tickets from the server; false when that failed. `problem` is set when
    /// the server refused the desk (see SyncReport).
    bool refresh(std::optional<Problem>* problem = nullptr);
    bool catchUp();
    void applyChange(const Change& change);

    std::optional<Timestamp> lastSync();

private:
    /// Records a failed call: offline when the server was not reached, else reported.
    bool failed(const HttpOutcome& out);
    void applyChangeInTransaction(const Change& change);

    CoreContext& context_;
};

}  // namespace sanad::core
