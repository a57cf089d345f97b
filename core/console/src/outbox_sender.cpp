#include "outbox_sender.h"

#include "sanad/core/codec.h"
#include "sanad/core/uuid.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <climits>
#include <thread>

namespace sanad::core {
namespace {

constexpr std::chrono::milliseconds kMinimumWait{100};

bool isCheckIn(const OfflineRequest& row) {
    return row.endpoint == kCheckInPath || row.endpoint == kDeskCheckInPath;
}

bool isCardRow(const OfflineRequest& row) {
    return row.endpoint.rfind(kCardsPath, 0) == 0;
}

}  // namespace

OutboxSender::Delivered OutboxSender::deliver(const OfflineRequest& row) {
    const HttpOutcome out = context_.transport->request(row.method, row.endpoint, row.body, row.id);
    Delivered d;
    context_.reporter.transaction(context_.store, [&] { d = record(row, out); });
    endRound();
    context_.notifyOutbox();
    return d;
}

void OutboxSender::endRound() {
    if (sawAway_) {
        ++awayStreak_;  // one step of the backoff per round, however many rows were turned away
        sawAway_ = false;
    }
}

Timestamp OutboxSender::waitUntil(const HttpOutcome& out) {
    const RetryPolicy& policy = context_.settings.retry;
    std::chrono::milliseconds delay{0};
    if (out.retryAfter) {
        delay = std::min<std::chrono::milliseconds>(*out.retryAfter, policy.cap);
    } else {
        RetryPolicy endless = policy;
        endless.maxAttempts = INT_MAX;
        delay = retryDelay(endless, std::min(awayStreak_ + 1, 30), context_.random)
                    .value_or(policy.cap);
    }
    sawAway_ = true;
    // Full jitter may pick ~0: a floor, so a server that is away is not hammered.
    return context_.now() + std::max(delay, kMinimumWait);
}

OutboxSender::Delivered OutboxSender::record(const OfflineRequest& row, const HttpOutcome& out) {
    ConsoleStore& store = context_.store;
    Reporter& reporter = context_.reporter;
    Delivered d;
    d.outcome = out.outcome;
    d.detail = describe(out);
    if (out.outcome == OutcomeClass::Success) {
        try {
            if (isCheckIn(row)) {
                d.checkIn = codec::decodeCheckInResponse(out.body);
            } else if (isCardRow(row)) {
                if (row.method == "PUT") {
                    d.card = codec::decodeCardRegisteredResponse(out.body);
                }  // DELETE: 204, no body
            } else {
                d.transition = codec::decodeTransitionResponse(out.body);
            }
        } catch (const CodecError& e) {
            // An answer that is not the contract is a server failure: retry, never trust it.
            d.outcome = OutcomeClass::ServerFailure;
            d.detail = "the server's answer is not understood (" + e.displayText() + ")";
            d.checkIn.reset();
            d.transition.reset();
            d.card.reset();
        }
    }
    switch (d.outcome) {
        case OutcomeClass::Success: {
            context_.setOnline(true);
            awayStreak_ = 0;
            store.markSynced(row.id);
            if (isCardRow(row)) {
                recordCard(row, d.card);
                break;
            }
            const Ticket& ticket = d.checkIn ? d.checkIn->ticket : d.transition->ticket;
            if (d.checkIn) {
                if (ticket.id != row.ticketId) {
                    store.removeTicket(row.ticketId);  // the server had one already: show that
                }
                if (d.checkIn->outcome == CheckInOutcome::Created && !ticket.deviceId.empty()) {
                    store.setMeta(kMetaDeviceId, ticket.deviceId);
                }
            }
            // While later changes of this ticket wait, the local view stays the newer one.
            if (!context_.hasUnsyncedRows(ticket.id, row.id)) {
                context_.putTicket(ticket, false);
            }
            reporter.report(
                [queueId = ticket.queueId](ConsoleListener& l) { l.ticketsChanged(queueId); });
            break;
        }
        case OutcomeClass::NetworkLoss:
            context_.setOnline(false);  // waits for connectivity; burns no attempt
            break;
        case OutcomeClass::Unavailable:
        case OutcomeClass::InFlight:
            // The server is there but cannot take it now: wait, burn nothing, never fail.
            context_.setOnline(true);
            store.markRetrying(row.id, row.retryCount, waitUntil(out), d.detail);
            break;
        case OutcomeClass::ServerFailure: {
            context_.setOnline(true);
            const int attempts = row.retryCount + 1;
            const auto delay = retryDelay(context_.settings.retry, attempts, context_.random);
            if (delay) {
                // Full jitter may pick ~0: the same floor as for a server that is away.
                store.markRetrying(row.id, attempts,
                                   context_.now() + std::max(*delay, kMinimumWait), d.detail);
            } else {
                const std::string text =
                    d.detail + " (gave up after " + std::to_string(attempts) + " attempts)";
                store.markFailed(row.id, text, ProblemKind::GaveUp);
                reporter.problem(ProblemKind::GaveUp, text);
            }
            break;
        }
        case OutcomeClass::Permanent:
            context_.setOnline(true);
            store.markFailed(row.id, d.detail, ProblemKind::ChangeRefused);
            reporter.problem(ProblemKind::ChangeRefused, d.detail);
            break;
        case OutcomeClass::Conflict: {
            context_.setOnline(true);
            store.markConflict(row.id, d.detail);
            try {
                const ConflictResponse conflict = codec::decodeConflictResponse(out.body);
                reporter.report([report = ConflictReport{row.id, conflict.rule, conflict.server,
                                                         conflict.requested}](ConsoleListener& l) {
                    l.conflictReported(report);
                });
            } catch (const CodecError& e) {
                consoleLogger().error("conflict answer not understood: %s", e.displayText());
            }
            break;
        }
    }
    return d;
}

void OutboxSender::recordCard(const OfflineRequest& row,
                              const std::optional<CardRegisteredResponse>& card) {
    ConsoleStore& store = context_.store;
    if (!card) {
        return;  // a forgotten card: the desk's copy went when it was forgotten
    }
    // The desk's copy follows the server's unless a later change of this card waits.
    if (!context_.hasUnsyncedRows(row.ticketId, row.id)) {
        store.putCard(card->card);
    }
    for (const Ticket& ticket : card->tickets) {
        if (!context_.hasUnsyncedRows(ticket.id, "")) {
            context_.putTicket(ticket, false);
        }
        context_.reporter.report(
            [queueId = ticket.queueId](ConsoleListener& l) { l.ticketsChanged(queueId); });
    }
}

std::size_t OutboxSender::deliverDue() {
    ConsoleStore& store = context_.store;
    std::size_t delivered = 0;
    const std::size_t lanes = std::max<std::size_t>(1, context_.settings.parallelSends);
    while (lanes_.size() < lanes) {
        lanes_.push_back(context_.makeTransport());
    }
    // Each round sends the first waiting change of up to `kRound` tickets, spread over several
    // connections (changes of different tickets may overtake each other; those of one ticket
    // never do), then records all answers in one transaction. A success may make the next
    // change of the same ticket due: go round until quiet.
    constexpr std::size_t kRound = 512;
    for (int round = 0; round < 100000; ++round) {
        const std::vector<OfflineRequest> due = store.due(context_.now(), kRound);
        if (due.empty()) {
            break;
        }
        std::vector<HttpOutcome> answers(due.size());
        auto sendLane = [&](std::size_t lane) {
            for (std::size_t i = lane; i < due.size(); i += lanes) {
                const OfflineRequest& row = due[i];
                try {
                    answers[i] = lanes_[lane]->request(row.method, row.endpoint, row.body, row.id);
                } catch (const std::exception& e) {  // no exception leaves a thread
                    answers[i].message = e.what();
                }
                if (answers[i].outcome == OutcomeClass::NetworkLoss) {
                    return;  // the rest of this lane stays as it is (HttpOutcome{} is NetworkLoss)
                }
            }
        };
        if (due.size() == 1 || lanes == 1) {
            for (std::size_t lane = 0; lane < lanes; ++lane) {
                sendLane(lane);
            }
        } else {
            // jthreads: joined however this scope ends (a thread that cannot start throws).
            std::vector<std::jthread> threads;
            for (std::size_t lane = 0; lane < std::min(lanes, due.size()); ++lane) {
                threads.emplace_back(sendLane, lane);
            }
        }
        bool progress = false;
        bool lost = false;
        context_.reporter.transaction(store, [&] {
            for (std::size_t i = 0; i < due.size(); ++i) {
                if (answers[i].outcome == OutcomeClass::NetworkLoss) {
                    lost = true;
                    continue;
                }
                if (record(due[i], answers[i]).outcome == OutcomeClass::Success) {
                    ++delivered;
                    progress = true;
                }
            }
        });
        endRound();
        if (lost) {
            context_.setOnline(false);
            break;
        }
        if (!progress) {
            break;
        }
    }
    context_.notifyOutbox();
    return delivered;
}

void OutboxSender::resolveConflict(const std::string& rowId, ConflictChoice choice) {
    ConsoleStore& store = context_.store;
    const auto row = store.find(rowId);
    if (!row || row->status != OutboxStatus::Conflict) {
        return;
    }
    const HttpOutcome out =
        context_.transport->request(row->method, row->endpoint, row->body, row->id);
    // The stored 409 is replayed for this key: it carries the server's ticket.
    std::optional<ConflictResponse> conflict;
    try {
        conflict = codec::decodeConflictResponse(out.body);
    } catch (const CodecError&) {
    }
    if (choice == ConflictChoice::TakeServers) {
        context_.reporter.transaction(store, [&] {
            store.discard(rowId);
            if (conflict) {
                context_.putTicket(conflict->server,
                                   context_.hasUnsyncedRows(row->ticketId, rowId));
                context_.reporter.report([queueId = conflict->server.queueId](ConsoleListener& l) {
                    l.ticketsChanged(queueId);
                });
            }
        });
    } else {
        if (!conflict) {
            store.retry(rowId);  // could not learn the server's version: try the change again
        } else {
            Transition mine = codec::decodeTransition(row->body);
            mine.force = true;
            mine.baseVersion = conflict->server.version;
            OfflineRequest forced;
            forced.id = newUuidV4();
            forced.endpoint = row->endpoint;
            forced.body = codec::encode(mine);
            forced.ticketId = row->ticketId;
            forced.createdAt = context_.now();
            store.transaction([&] {
                store.enqueue(forced);
                store.discard(rowId);
            });
        }
        deliverDue();
    }
    context_.notifyOutbox();
}

bool OutboxSender::retryRow(const std::string& rowId) {
    ConsoleStore& store = context_.store;
    const auto row = store.find(rowId);
    if (!row || (row->status != OutboxStatus::Failed && row->status != OutboxStatus::Retrying)) {
        return false;
    }
    store.retry(rowId);
    context_.notifyOutbox();
    return true;
}

bool OutboxSender::discardRow(const std::string& rowId) {
    ConsoleStore& store = context_.store;
    const auto row = store.find(rowId);
    if (!row || row->status == OutboxStatus::Synced) {
        return false;
    }
    store.transaction([&] {
        store.discard(rowId);
        // A discarded check-in leaves no local ticket behind.
        if (isCheckIn(*row) && !context_.hasUnsyncedRows(row->ticketId, rowId)) {
            const auto cached = store.ticket(row->ticketId);
            if (cached && cached->pending) {
                store.removeTicket(row->ticketId);
            }
        }
    });
    context_.notifyOutbox();
    return true;
}

}  // namespace sanad::core
