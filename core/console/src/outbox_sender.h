#pragma once

#include "core_context.h"

#include <cstddef>
#include <optional>
#include <string>

namespace sanad::core {

/// Delivers the outbox (DESIGN.md, Console internals and retry policy): sends rows under their
/// id as idempotency key, one change per ticket at a time, a backlog over several connections;
/// records each answer (synced, retrying with backoff, failed, conflict) and reports it once it
/// is on disk. Network loss and a server away for now (502/503/504/429, a key in flight) wait
/// and burn nothing; only 500 and the other 5xx use up attempts. Conflicts are parked for the
/// receptionist and resolved here. Thread-safety: the core's thread only.
class OutboxSender {
public:
    explicit OutboxSender(CoreContext& context) : context_(context) {}

    struct Delivered {
        OutcomeClass outcome = OutcomeClass::NetworkLoss;
        std::optional<CheckInResponse> checkIn;
        std::optional<TransitionResponse> transition;  // transitions and edits
        std::optional<CardRegisteredResponse> card;    // a card registration (PUT)
        std::string detail;                            // describe() of the answer
    };
    /// Sends one row now (on the core's own connection) and records the answer.
    Delivered deliver(const OfflineRequest& row);
    /// Sends every row that is due, round after round while they go through.
    std::size_t deliverDue();

    void resolveConflict(const std::string& rowId, ConflictChoice choice);
    bool retryRow(const std::string& rowId);
    bool discardRow(const std::string& rowId);

private:
    /// Records the answer to one row: outbox status, cache, reports (held until the commit).
    Delivered record(const OfflineRequest& row, const HttpOutcome& out);
    /// A card registration went through: the server's card and its tickets into the cache.
    void recordCard(const OfflineRequest& row, const std::optional<CardRegisteredResponse>& card);
    /// When a row the server cannot take now goes again: Retry-After (capped), else the backoff
    /// schedule of the run of such answers, capped as the policy says.
    Timestamp waitUntil(const HttpOutcome& out);
    /// After a send or a round of them: a "not now" answer lengthens the next wait.
    void endRound();

    CoreContext& context_;
    std::vector<std::unique_ptr<HttpTransport>> lanes_;  // one per parallel send
    int awayStreak_ = 0;    // rounds in a row the server said "not now"; reset by a success
    bool sawAway_ = false;  // this round had such an answer
};

}  // namespace sanad::core
