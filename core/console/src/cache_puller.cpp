#include "cache_puller.h"

#include "sanad/core/codec.h"

#include <Poco/NumberParser.h>

namespace sanad::core {

std::optional<Timestamp> CachePuller::lastSync() {
    const auto text = context_.store.meta(kMetaLastSync);
    return text ? parseTimestamp(*text) : std::nullopt;
}

bool CachePuller::failed(const HttpOutcome& out) {
    if (out.outcome == OutcomeClass::NetworkLoss) {
        context_.setOnline(false);
        return false;
    }
    if (out.outcome == OutcomeClass::Unavailable || out.outcome == OutcomeClass::InFlight) {
        return false;  // away for now (maintenance): the next pass tries again, nothing to say
    }
    const bool refused = out.status == 401 || out.status == 403;
    context_.reporter.problem(refused ? ProblemKind::DeskRefused : ProblemKind::ServerFailing,
                              describe(out));
    return false;
}

bool CachePuller::refresh(std::optional<Problem>* problem) {
    HttpTransport& http = *context_.transport;
    ConsoleStore& store = context_.store;
    const HttpOutcome config = http.get("/api/config");
    if (config.outcome != OutcomeClass::Success) {
        // The first call refused (a wrong token: 401): that will not pass by waiting, unlike a
        // server failure.
        if (problem && config.outcome == OutcomeClass::Permanent) {
            *problem = Problem{ProblemKind::DeskRefused, describe(config)};
        }
        return failed(config);
    }
    try {
        const ConfigResponse c = codec::decodeConfigResponse(config.body);
        // The key first, on its own: a desk that got this far recognises cards from now on.
        context_.reporter.transaction(store, [&] {
            store.setMeta(kMetaPracticeKey, c.practiceKey);
            store.setMeta(kMetaWindow, std::to_string(c.checkinWindowS));
            // Kept for offline check-ins' QR codes; cleared when the server no longer has one.
            store.setMeta(kMetaPublicUrl, c.publicUrl.value_or(""));
        });
        const HttpOutcome queues = http.get("/api/queues");
        if (queues.outcome != OutcomeClass::Success) {
            return failed(queues);
        }
        const QueuesResponse q = codec::decodeQueuesResponse(queues.body);
        std::vector<TicketsResponse> lists;
        for (const Queue& queue : q.queues) {
            const HttpOutcome tickets = http.get("/api/queues/" + queue.id + "/tickets");
            if (tickets.outcome != OutcomeClass::Success) {
                return failed(tickets);
            }
            lists.push_back(codec::decodeTicketsResponse(tickets.body));
        }
        // All of it in one transaction: the cache is never half the old and half the new state.
        context_.reporter.transaction(store, [&] {
            store.putQueues(q.queues);
            for (std::size_t i = 0; i < q.queues.size(); ++i) {
                context_.putTickets(q.queues[i].id, lists[i].tickets);
                store.setMeta(kMetaSeq, std::to_string(lists[i].seq));
                context_.reporter.report(
                    [id = q.queues[i].id](ConsoleListener& l) { l.ticketsChanged(id); });
            }
            store.setMeta(kMetaLastSync, formatTimestamp(context_.now()));
        });
    } catch (const CodecError& e) {
        context_.reporter.problem(ProblemKind::AnswerNotUnderstood,
                                  "the server's answer is not understood: " + e.displayText());
        return false;
    }
    context_.setOnline(true);
    return true;
}

void CachePuller::applyChange(const Change& change) {
    context_.reporter.transaction(context_.store, [&] { applyChangeInTransaction(change); });
}

void CachePuller::applyChangeInTransaction(const Change& change) {
    ConsoleStore& store = context_.store;
    const std::int64_t seen = Poco::NumberParser::parse64(store.meta(kMetaSeq).value_or("0"));
    if (!context_.hasUnsyncedRows(change.ticket.id, "")) {
        context_.putTicket(change.ticket, false);
        context_.reporter.report(
            [queueId = change.ticket.queueId](ConsoleListener& l) { l.ticketsChanged(queueId); });
    }
    if (change.seq > seen) {
        store.setMeta(kMetaSeq, std::to_string(change.seq));
    }
}

bool CachePuller::catchUp() {
    ConsoleStore& store = context_.store;
    for (int page = 0; page < 1000; ++page) {
        const std::string since = store.meta(kMetaSeq).value_or("0");
        const HttpOutcome out = context_.transport->get("/api/changes?since=" + since);
        if (out.outcome != OutcomeClass::Success) {
            if (out.outcome == OutcomeClass::NetworkLoss) {
                context_.setOnline(false);
            }
            return false;
        }
        ChangesResponse changes;
        try {
            changes = codec::decodeChangesResponse(out.body);
        } catch (const CodecError& e) {
            context_.reporter.problem(
                ProblemKind::AnswerNotUnderstood,
                "the server's changes are not understood: " + e.displayText());
            return false;
        }
        context_.reporter.transaction(store, [&] {
            for (const Change& change : changes.changes) {
                applyChangeInTransaction(change);
            }
            store.setMeta(kMetaLastSync, formatTimestamp(context_.now()));
        });
        context_.setOnline(true);
        if (!changes.more) {
            return true;
        }
    }
    return true;
}

}  // namespace sanad::core
