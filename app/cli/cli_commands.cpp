// sanad-cli's command table and the commands that drive the console core.
#include "cli.h"

#include "sanad/core/crypto.h"
#include "sanad/core/state_machine.h"

#include <iostream>

namespace sanad::cli {

using namespace sanad::core;

std::string ticketLine(const Ticket& t) {
    std::string text = t.number + " " + std::string(toString(t.status)) + " ticket=" + t.id;
    if (t.position) {
        text += " position=" + std::to_string(*t.position);
    }
    if (t.room) {
        text += " room=" + *t.room;
    }
    return text;
}

int exitFor(Delivery delivery) {
    switch (delivery) {
        case Delivery::Synced:
            return kDone;
        case Delivery::Queued:
            return kQueued;
        case Delivery::Failed:
            return kFailed;
    }
    return kFailed;
}

namespace {

std::string describeCounts(const OutboxCounts& c) {
    std::string text = "outbox: pending " + std::to_string(c.pending) + ", failed " +
                       std::to_string(c.failed) + ", conflict " + std::to_string(c.conflict);
    if (c.oldestPendingAt) {
        text += ", oldest " + formatTimestamp(*c.oldestPendingAt);
    }
    return text;
}

/// How the server was found on the last pass: reachable, unreachable, or refusing this desk.
std::string reachability(const SyncReport& report) {
    if (report.reachable) {
        return "reachable";
    }
    return report.problem ? "answered but refused: " + report.problem->detail : "unreachable";
}

}  // namespace

void PrintingListener::problemReported(const Problem& problem) {
    std::cerr << "sanad-cli: " << describe(problem) << "\n";
}

void PrintingListener::conflictReported(const ConflictReport& c) {
    std::cout << "conflict " << c.rowId << " ticket=" << c.server.id << " " << c.server.number
              << " server=" << toString(c.server.status)
              << " requested=" << toString(c.requested.to) << " rule=" << toString(c.rule) << "\n";
}

std::string failure(const std::optional<Problem>& problem) {
    return "failed: " + (problem ? describe(*problem) : std::string("unknown reason"));
}

std::string describe(const Problem& problem) {
    const std::string& detail = problem.detail;
    switch (problem.kind) {
        case ProblemKind::NeverConnected:
        case ProblemKind::CardUnreadable:
        case ProblemKind::StoreDamaged:
            return detail;
        case ProblemKind::StoreUnavailable:
            return "the desk's database cannot be used: " + detail;
        case ProblemKind::UnknownTicket:
        case ProblemKind::InvalidTransition:
            return detail;
        case ProblemKind::ChangeRefused:
            return "the server refused the change: " + detail;
        case ProblemKind::GaveUp:
            return "the server failed the change: " + detail;
        case ProblemKind::DeskRefused:
            return "the server refused this desk (check the device token): " + detail;
        case ProblemKind::ServerFailing:
            return "the server failed: " + detail;
        case ProblemKind::NeedsServer:
        case ProblemKind::AnswerNotUnderstood:
        case ProblemKind::Internal:
            return detail;
    }
    return detail;
}

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"status", "status", "connection, outbox and last sync", 0, 0, true, &status},
        {"check-in", "check-in --card-uid HEX", "a card tap (the UID is never printed or stored)",
         0, 0, true, &checkIn},
        {"check-in", "check-in --walk-in [--name N] [--patient-id ID] [--urgent] [--note T]",
         "a patient without a card", 0, 0, true, &checkIn},
        {"card",
         "card register --card-uid HEX --name N [--patient-id ID] | card forget --card-uid HEX",
         "give a card a name (later taps carry it), or forget it", 1, 1, true, &card},
        {"edit",
         "edit TICKET_ID [--urgent | --normal] [--note T] [--name N] [--patient-id ID] [--queue "
         "QUEUE_ID]",
         "urgent, note, name; --queue: transfer (the number stays); an empty value clears", 1, 1,
         true, &edit},
        {"history", "history TICKET_ID [--json]", "every version of a ticket, with the desk", 1, 1,
         true, &history},
        {"stats", "stats [--day YYYY-MM-DD] [--json]",
         "the day's figures per queue (cached ones when offline)", 0, 0, true, &stats},
        {"call-next", "call-next", "call the first waiting patient (to --room)", 0, 0, true,
         &callNext},
        {"transition", "transition TICKET_ID TO",
         "TO: called, in_progress, completed, cancelled, no_show, waiting", 2, 2, true,
         &transition},
        {"sync", "sync", "send what waits, refresh the queue", 0, 0, true, &sync},
        {"outbox", "outbox list | retry ID | discard ID", "the changes not yet through", 1, 2, true,
         &outbox},
        {"reader", "reader list | reader watch [--count N] [--timeout S]",
         "the PC/SC card readers; watch: a line per event and tap\n"
         "                               (card refs only), exit 0 after N taps, 1 on timeout",
         1, 1, false, &reader},
    };
    return table;
}

int status(Context& context) {
    Desk desk(context);
    const SyncReport report = desk.core.sync();
    std::cout << "server: " << context.settings.client.serverUrl << " " << reachability(report)
              << "\n";
    std::cout << "queue: " << context.settings.queueId << "\n";
    std::cout << describeCounts(report.counts) << "\n";
    const auto last = desk.core.lastSync();
    std::cout << "last sync: " << (last ? formatTimestamp(*last) : std::string("never")) << "\n";
    return report.reachable ? kDone : (report.problem ? kFailed : kQueued);
}

Bytes cardUid(const Arguments& args) {
    const std::string uidHex = args.get("card-uid");
    const auto uid = fromHex(uidHex);
    if (!uid || uidHex.size() < 8 || uidHex.size() > 20) {
        throw UsageError{"--card-uid wants the card's UID as 4 to 10 bytes of hex"};
    }
    return *uid;
}

int printCheckIn(const CheckInResult& r) {
    if (r.delivery == Delivery::Failed) {
        std::cout << failure(r.problem) << "\n";
        return kFailed;
    }
    std::cout << (r.delivery == Delivery::Synced ? "checked in: " : "stored offline: ")
              << ticketLine(*r.ticket);
    if (r.outcome) {
        std::cout << " outcome=" << toString(*r.outcome);
    }
    if (r.warning) {
        std::cout << " warning=" << *r.warning;
    }
    if (r.warningDetail) {
        // the other desk's name and number, never the patient's
        std::cout << " other_desk=\"" << r.warningDetail->device
                  << "\" other_number=" << r.warningDetail->number;
    }
    if (r.provisionalNumber) {
        std::cout << " (provisional number)";
    }
    std::cout << "\n";
    return exitFor(r.delivery);
}

int checkIn(Context& context) {
    if (context.args.has("walk-in")) {
        if (context.args.has("card-uid")) {
            throw UsageError{"check-in takes --card-uid HEX or --walk-in, not both"};
        }
        return checkInWalkIn(context);
    }
    if (!context.args.has("card-uid")) {
        throw UsageError{"check-in needs --card-uid HEX (or --walk-in)"};
    }
    const Bytes uid = cardUid(context.args);
    Desk desk(context);
    return printCheckIn(desk.core.checkIn(uid));
}

namespace {

int runTransition(Context& context, std::optional<std::string> ticketId, TicketStatus to) {
    Desk desk(context);
    desk.core.sync();  // best effort: the freshest queue there is
    if (!ticketId) {
        const auto next = desk.core.nextWaiting();
        if (!next) {
            std::cout << "nobody is waiting in " << context.settings.queueId << "\n";
            return kFailed;
        }
        ticketId = next->id;
    }
    const TransitionResult r = desk.core.transition(*ticketId, to);
    if (r.delivery == Delivery::Failed) {
        std::cout << failure(r.problem) << "\n";
        return kFailed;
    }
    std::cout << (r.delivery == Delivery::Synced ? "done: " : "stored offline: ")
              << ticketLine(*r.ticket);
    if (r.resolution) {
        std::cout << " resolution=" << toString(*r.resolution);
    }
    if (r.waitsForEarlierChange) {
        std::cout << " (waits for an earlier change of this ticket)";
    }
    std::cout << "\n";
    return exitFor(r.delivery);
}

}  // namespace

int callNext(Context& context) {
    return runTransition(context, std::nullopt, TicketStatus::Called);
}

int transition(Context& context) {
    const std::vector<std::string>& w = context.args.words;
    const auto to = parseTicketStatus(w[2]);
    if (!to) {
        throw UsageError{"unknown status '" + w[2] + "'"};
    }
    return runTransition(context, w[1], *to);
}

int sync(Context& context) {
    Desk desk(context);
    const SyncReport report = desk.core.sync();
    std::cout << "server: " << reachability(report) << ", sent " << report.delivered << "\n";
    std::cout << describeCounts(report.counts) << "\n";
    if (report.problem) {
        return kFailed;  // a refused desk (a wrong token): waiting will not help
    }
    if (!report.reachable && report.counts.pending > 0) {
        return kQueued;
    }
    if (report.counts.failed > 0 || report.counts.conflict > 0) {
        return kFailed;
    }
    return report.counts.pending > 0 ? kQueued : (report.reachable ? kDone : kQueued);
}

int outbox(Context& context) {
    const std::vector<std::string>& w = context.args.words;
    const std::string& what = w[1];
    const bool list = what == "list" && w.size() == 2;
    const bool change = (what == "retry" || what == "discard") && w.size() == 3;
    if (!list && !change) {
        throw UsageError{"outbox list | outbox retry ID | outbox discard ID"};
    }
    Desk desk(context);
    if (list) {
        for (const OfflineRequest& row :
             desk.core.store().list({OutboxStatus::Pending, OutboxStatus::Retrying,
                                     OutboxStatus::Failed, OutboxStatus::Conflict})) {
            std::cout << row.id << " " << toString(row.status) << " " << row.method << " "
                      << row.endpoint << " ticket=" << row.ticketId
                      << " attempts=" << row.retryCount
                      << " created=" << formatTimestamp(row.createdAt);
            if (row.lastError) {
                std::cout << " error=\"" << *row.lastError << "\"";
            }
            std::cout << "\n";
        }
        return kDone;
    }
    const std::string& id = w[2];
    const bool ok = what == "retry" ? desk.core.retryRow(id) : desk.core.discardRow(id);
    if (!ok) {
        std::cout << "failed: no such " << (what == "retry" ? "failed " : "") << "row " << id
                  << "\n";
        return kFailed;
    }
    std::cout << what << ": " << id << "\n";
    if (what == "retry") {
        const SyncReport report = desk.core.sync();
        return report.counts.pending + report.counts.failed + report.counts.conflict == 0 ? kDone
                                                                                          : kQueued;
    }
    return kDone;
}

}  // namespace sanad::cli
