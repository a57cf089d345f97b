// ConsoleCore, the front desk of wire contract v1.1: walk-ins, cards, edits (outbox first, like
// taps and transitions), a ticket's history and the day's figures (questions for the server).
#include "sanad/core/console_core.h"

#include "core_context.h"
#include "outbox_sender.h"

#include "sanad/core/codec.h"
#include "sanad/core/edit.h"
#include "sanad/core/uuid.h"

#include <Poco/Logger.h>
#include <Poco/NumberFormatter.h>
#include <Poco/NumberParser.h>

#include <algorithm>

namespace sanad::core {
namespace {

std::string editPath(const std::string& ticketId) {
    return "/api/tickets/" + ticketId + "/edits";
}

constexpr const char* kMetaStats = "stats:";
constexpr const char* kMetaStatsAt = "stats_at:";

/// What a failed question to the server means for the receptionist.
Problem askFailed(const HttpOutcome& out, const std::string& what) {
    if (out.outcome == OutcomeClass::NetworkLoss || out.outcome == OutcomeClass::Unavailable ||
        out.outcome == OutcomeClass::InFlight) {
        return {ProblemKind::NeedsServer, what + " needs the server: " + describe(out)};
    }
    if (out.status == 401 || out.status == 403) {
        return {ProblemKind::DeskRefused, describe(out)};
    }
    if (out.status == 404) {
        return {ProblemKind::UnknownTicket, what + ": not on the server (yet): " + describe(out)};
    }
    return {out.outcome == OutcomeClass::Permanent ? ProblemKind::ChangeRefused
                                                   : ProblemKind::ServerFailing,
            describe(out)};
}

}  // namespace

CheckInResult ConsoleCore::checkInWalkIn(const WalkIn& w) {
    Ticket local;
    local.id = newUuidV4();
    local.queueId = w.queueId.value_or(context_->settings.queueId);
    local.source = TicketSource::Desk;
    local.checkedInAt = context_->now();
    local.patient = w.patient;
    local.patientId = w.patientId;
    local.priority = w.priority;
    local.note = w.note;
    return commitCheckIn(
        std::move(local), kDeskCheckInPath,
        [](const Ticket& t, const std::optional<std::string>& number) {
            return codec::encode(DeskCheckIn{t.id, t.queueId, t.checkedInAt, number, t.patient,
                                             t.patientId, t.priority, t.note});
        });
}

std::optional<Card> ConsoleCore::knownCard(const std::string& cardRef) {
    return context_->store.card(cardRef);
}

CardResult ConsoleCore::registerCard(const std::string& cardRef,
                                     const CardRegistration& registration) {
    CoreContext& c = *context_;
    if (!isCardRef(cardRef)) {
        return failedWith<CardResult>(ProblemKind::CardUnreadable, "not a card reference");
    }
    CardResult result;
    const Card card{cardRef, registration.patient, registration.patientId, c.now()};
    OfflineRequest row;
    row.id = newUuidV4();
    row.method = "PUT";
    row.endpoint = kCardsPath + cardRef;
    row.body = codec::encode(registration);
    row.ticketId = cardLane(cardRef);
    row.createdAt = c.now();
    // The desk's copy and today's open tickets of the card take the name at once (offline too).
    c.reporter.transaction(c.store, [&] {
        row = c.store.enqueue(row);
        c.store.putCard(card);
        const std::string today = localDay(c.now());
        for (const Queue& q : c.store.queues()) {
            bool changed = false;
            for (const CachedTicket& cached : c.store.tickets(q.id)) {
                Ticket t = cached.ticket;
                if (t.cardRef != cardRef || !isOpen(t.status) || localDay(t.checkedInAt) != today) {
                    continue;
                }
                t.patient = card.patient;
                t.patientId = card.patientId;
                c.putTicket(t, true);
                result.tickets.push_back(t);
                changed = true;
            }
            if (changed) {  // only the lists that show one of the card's tickets
                c.reporter.report([id = q.id](ConsoleListener& l) { l.ticketsChanged(id); });
            }
        }
    });
    result.card = card;
    return deliverCardRow(row, std::move(result));
}

CardResult ConsoleCore::forgetCard(const std::string& cardRef) {
    CoreContext& c = *context_;
    if (!isCardRef(cardRef)) {
        return failedWith<CardResult>(ProblemKind::CardUnreadable, "not a card reference");
    }
    CardResult result;
    OfflineRequest row;
    row.id = newUuidV4();
    row.method = "DELETE";
    row.endpoint = kCardsPath + cardRef;
    row.ticketId = cardLane(cardRef);
    row.createdAt = c.now();
    c.reporter.transaction(c.store, [&] {
        row = c.store.enqueue(row);
        c.store.removeCard(cardRef);
    });
    return deliverCardRow(row, std::move(result));
}

CardResult ConsoleCore::deliverCardRow(const OfflineRequest& row, CardResult result) {
    CoreContext& c = *context_;
    result.delivery = Delivery::Queued;
    if (c.hasUnsyncedRows(row.ticketId, row.id)) {
        c.notifyOutbox();  // an earlier change of this card goes first
        return result;
    }
    const OutboxSender::Delivered delivered = sender_->deliver(row);
    if (delivered.outcome == OutcomeClass::Success) {
        result.delivery = Delivery::Synced;
        if (delivered.card) {
            result.card = delivered.card->card;
            result.tickets = delivered.card->tickets;
        }
    } else if (delivered.outcome == OutcomeClass::Permanent) {
        result.delivery = Delivery::Failed;
        result.problem = Problem{ProblemKind::ChangeRefused, delivered.detail};
    }
    return result;
}

TransitionResult ConsoleCore::edit(const std::string& ticketId, const TicketChanges& changes) {
    CoreContext& c = *context_;
    TransitionResult result;
    const auto cached = c.store.ticket(ticketId);
    if (!cached) {
        return unknownTicket<TransitionResult>(ticketId);
    }
    TicketEdit edit;
    edit.baseVersion = cached->ticket.version;  // the last version the server told us
    edit.at = c.now();
    edit.priority = changes.priority;
    edit.note = changes.note;
    edit.patient = changes.patient;
    edit.patientId = changes.patientId;
    edit.queueId = changes.queueId;
    if (resolveEdit(cached->ticket, edit, false).resolution == Resolution::ServerWins) {
        result.delivery = Delivery::Failed;
        result.ticket = cached->ticket;
        result.problem =
            Problem{ProblemKind::InvalidTransition,
                    "a ticket that is " + std::string(toString(cached->ticket.status)) +
                        " cannot be edited"};
        return result;
    }
    if (edit.queueId) {
        const std::vector<Queue> queues = c.store.queues();
        const bool known = std::any_of(queues.begin(), queues.end(),
                                       [&](const Queue& q) { return q.id == *edit.queueId; });
        if (!known) {
            result.delivery = Delivery::Failed;
            result.ticket = cached->ticket;
            result.problem =
                Problem{ProblemKind::ChangeRefused, "there is no queue '" + *edit.queueId + "'"};
            return result;
        }
    }
    Ticket local = applyEdit(cached->ticket, edit, c.now());
    local.version = cached->ticket.version;
    OfflineRequest row;
    row.endpoint = editPath(ticketId);
    row.body = codec::encode(edit);
    row.ticketId = ticketId;
    return commitTicketChange(std::move(row), local, cached->ticket.queueId);
}

HistoryResult ConsoleCore::history(const std::string& ticketId) {
    HistoryResult result;
    const HttpOutcome out = context_->transport->get("/api/tickets/" + ticketId + "/history");
    if (out.outcome != OutcomeClass::Success) {
        if (out.outcome == OutcomeClass::NetworkLoss) {
            context_->setOnline(false);
        }
        result.problem = askFailed(out, "the history of a ticket");
        return result;
    }
    try {
        result.history = codec::decodeHistoryResponse(out.body);
    } catch (const CodecError& e) {
        result.problem = Problem{ProblemKind::AnswerNotUnderstood, e.displayText()};
    }
    return result;
}

StatsResult ConsoleCore::stats(const std::optional<std::string>& day) {
    CoreContext& c = *context_;
    StatsResult result;
    const std::string key = day.value_or(localDay(c.now()));
    const HttpOutcome out = c.transport->get(day ? "/api/stats?day=" + *day : "/api/stats");
    if (out.outcome == OutcomeClass::Success) {
        try {
            result.stats = codec::decodeStatsResponse(out.body);
            result.fetchedAt = c.now();
            const std::string stored = result.stats->day.empty() ? key : result.stats->day;
            c.store.transaction([&] {
                c.store.setMeta(kMetaStats + stored, out.body);
                c.store.setMeta(kMetaStatsAt + stored,
                                Poco::NumberFormatter::format(static_cast<Poco::Int64>(
                                    result.fetchedAt->time_since_epoch().count())));
            });
            return result;
        } catch (const CodecError& e) {
            result.stats.reset();
            result.problem = Problem{ProblemKind::AnswerNotUnderstood, e.displayText()};
        }
    } else {
        if (out.outcome == OutcomeClass::NetworkLoss) {
            c.setOnline(false);
        }
        result.problem = askFailed(out, "the day's statistics");
        if (out.status == 400) {
            return result;  // a day the server does not take: no cached figures stand in
        }
    }
    // The last figures this desk fetched for that day, with their age.
    const auto cachedBody = c.store.meta(kMetaStats + key);
    const auto cachedAt = c.store.meta(kMetaStatsAt + key);
    if (cachedBody && cachedAt) {
        try {
            result.stats = codec::decodeStatsResponse(*cachedBody);
            result.fetchedAt =
                Timestamp(std::chrono::milliseconds(Poco::NumberParser::parse64(*cachedAt)));
            result.cached = true;
        } catch (const Poco::Exception& e) {
            consoleLogger().warning("cached statistics unreadable: %s", e.displayText());
            result.stats.reset();
        }
    }
    return result;
}

}  // namespace sanad::core
