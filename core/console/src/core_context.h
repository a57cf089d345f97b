#pragma once

#include "sanad/core/console_core.h"

#include <deque>
#include <functional>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace Poco {
class Logger;
}

namespace sanad::core {

// Meta keys of the console's cache (console.db `meta`), shared by the core's parts.
inline constexpr const char* kMetaPracticeKey = "practice_key";
inline constexpr const char* kMetaWindow = "checkin_window_s";
/// `/api/config`'s public_url ("" when the server has none): the base of the patients' status URL.
inline constexpr const char* kMetaPublicUrl = "public_url";
inline constexpr const char* kMetaDeviceId = "device_id";
inline constexpr const char* kMetaLastSync = "last_sync";
inline constexpr const char* kMetaProvisional = "provisional_counter";
inline constexpr const char* kMetaSeq = "seq";
inline constexpr const char* kCheckInPath = "/api/nfc/check-in";
inline constexpr const char* kDeskCheckInPath = "/api/desk/check-in";
inline constexpr const char* kCardsPath = "/api/cards/";
/// The outbox lane of a card's registrations (its changes go in order, like a ticket's).
inline std::string cardLane(const std::string& cardRef) {
    return "card:" + cardRef;
}

Poco::Logger& consoleLogger();

/// "HTTP 409 conflict: …" or "no answer from the server: …", for logs, details and the outbox's
/// last_error.
/// A change that could not even be made: `delivery: Failed` and why (any of the *Result types).
template <typename Result>
Result failedWith(ProblemKind kind, std::string detail) {
    Result result;
    result.delivery = Delivery::Failed;
    result.problem = Problem{kind, std::move(detail)};
    return result;
}

/// A change for a ticket this desk does not have.
template <typename Result>
Result unknownTicket(const std::string& ticketId) {
    return failedWith<Result>(ProblemKind::UnknownTicket,
                              "ticket " + ticketId + " is not in this desk's queue");
}

std::string describe(const HttpOutcome& out);

/// Listener calls of the core's parts. A call made while a store transaction is open is held
/// and made once the outermost transaction has committed; dropped if it rolls back. So the
/// listener never hears of a change that is not on disk, and is never called from inside one.
/// Thread-safety: the core's thread only.
class Reporter {
public:
    explicit Reporter(ConsoleListener* listener) : listener_(listener) {}
    /// Called when a transaction rolls back and its held reports are dropped (state the reports
    /// were about must then be reported afresh).
    void onRollback(std::function<void()> hook) { rolledBack_ = std::move(hook); }

    void report(std::function<void(ConsoleListener&)> call);
    void problem(ProblemKind kind, std::string detail);
    /// store.transaction(work), with reports held until it commits.
    void transaction(ConsoleStore& store, const std::function<void()>& work);

private:
    void call(const std::function<void(ConsoleListener&)>& call);

    ConsoleListener* listener_;
    std::function<void()> rolledBack_;
    int depth_ = 0;
    std::vector<std::function<void(ConsoleListener&)>> held_;
};

/// What the core's parts share: settings, clock, store, the main transport and a factory for
/// more, connectivity, the listener. Thread-safety: the core's thread only.
class CoreContext {
public:
    CoreContext(ConsoleSettings settings, ConsoleListener* listener);

    ConsoleSettings settings;
    const Clock& clock;
    ConsoleStore store;
    Reporter reporter;
    std::unique_ptr<HttpTransport> transport;  // the core's own connection
    std::mt19937_64 random;

    Timestamp now() const { return clock.now(); }
    std::unique_ptr<HttpTransport> makeTransport() const;
    std::string deviceId();

    bool online() const { return online_; }
    /// Connectivity as the last request (or the live feed) found it; reported when it changes.
    void setOnline(bool online);
    void notifyOutbox();
    bool hasUnsyncedRows(const std::string& ticketId, const std::string& exceptRowId);

    /// store.upsertTicket, reporting the call the change makes (ConsoleListener::callMade).
    /// Every part writes tickets through here or putTickets, so no call goes unreported.
    void putTicket(const Ticket& ticket, bool pending);
    /// store.putTickets (a refresh), reporting the calls among the server's tickets.
    void putTickets(const std::string& queueId, const std::vector<Ticket>& tickets);

private:
    /// Reports `after`'s call (if it makes one, and it is today's); the report itself is held
    /// until the transaction commits and checks there that this call was not reported before.
    void noteCall(const std::optional<Ticket>& before, const Ticket& after);
    bool firstReport(const DisplayCall& call);

    bool online_ = false;
    bool onlineKnown_ = false;  // the first verdict is reported whichever it is
    // The calls reported (ticket id, called_at in ms), the latest kRemembered of them.
    std::set<std::pair<std::string, std::int64_t>> reported_;
    std::deque<std::pair<std::string, std::int64_t>> reportedOrder_;
};

}  // namespace sanad::core
