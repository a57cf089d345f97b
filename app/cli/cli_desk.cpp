// sanad-cli's front-desk commands (wire contract v1.1): walk-ins, cards, edits, a ticket's
// history and the day's statistics.
#include "cli.h"

#include "sanad/core/codec.h"
#include "sanad/core/crypto.h"

#include <cstdio>
#include <iostream>

namespace sanad::cli {

using namespace sanad::core;

namespace {

/// An option's text, or none when absent; an empty value stands for "none" (clears in edits).
std::optional<std::string> text(const Arguments& args, const std::string& name) {
    if (!args.has(name) || args.get(name).empty()) {
        return std::nullopt;
    }
    return args.get(name);
}

/// An edit's member: absent when the option is absent, cleared when it is empty.
Patch<std::string> patchOf(const Arguments& args, const std::string& name) {
    if (!args.has(name)) {
        return std::nullopt;
    }
    return text(args, name);
}

std::string minutes(const std::optional<double>& value) {
    if (!value) {
        return "-";
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", *value);
    return buffer;
}

std::string cardLine(const Card& card) {
    // the name stays on the admin's screen: stdout, never a log
    return "card " + card.cardRef.substr(0, 12) + "… name=\"" + card.patient.value_or("") +
           "\" patient_id=" + card.patientId.value_or("-");
}

}  // namespace

int checkInWalkIn(Context& context) {
    const Arguments& args = context.args;
    WalkIn walkIn;
    walkIn.patient = text(args, "name");
    walkIn.patientId = text(args, "patient-id");
    walkIn.priority = args.has("urgent") ? Priority::Urgent : Priority::Normal;
    walkIn.note = text(args, "note");
    Desk desk(context);
    return printCheckIn(desk.core.checkInWalkIn(walkIn));
}

int card(Context& context) {
    const Arguments& args = context.args;
    const std::string& what = args.words[1];
    if (what != "register" && what != "forget") {
        throw UsageError{
            "card register --card-uid HEX --name N [--patient-id ID] | card forget "
            "--card-uid HEX"};
    }
    if (!args.has("card-uid")) {
        throw UsageError{"card " + what + " needs --card-uid HEX"};
    }
    if (what == "register" && !text(args, "name")) {
        throw UsageError{"card register needs --name N"};
    }
    const Bytes uid = cardUid(args);
    Desk desk(context);
    const auto key = desk.core.practiceKey();
    if (!key) {
        std::cout << "failed: this desk has never reached the server, so it cannot recognise "
                     "cards yet\n";
        return kFailed;
    }
    const std::string ref = cardRef(*key, uid);
    const CardResult r =
        what == "register"
            ? desk.core.registerCard(ref, {text(args, "name"), text(args, "patient-id")})
            : desk.core.forgetCard(ref);
    if (r.delivery == Delivery::Failed) {
        std::cout << failure(r.problem) << "\n";
        return kFailed;
    }
    const bool synced = r.delivery == Delivery::Synced;
    if (r.card) {
        std::cout << (synced ? "registered: " : "stored offline: ") << cardLine(*r.card)
                  << " tickets=" << r.tickets.size() << "\n";
        for (const Ticket& t : r.tickets) {
            std::cout << "  " << ticketLine(t) << "\n";
        }
    } else {
        std::cout << (synced ? "forgotten: card " : "stored offline: forget card ")
                  << ref.substr(0, 12) << "…\n";
    }
    return exitFor(r.delivery);
}

int edit(Context& context) {
    const Arguments& args = context.args;
    if (args.has("urgent") && args.has("normal")) {
        throw UsageError{"edit takes --urgent or --normal, not both"};
    }
    TicketChanges changes;
    if (args.has("urgent") || args.has("normal")) {
        changes.priority = args.has("urgent") ? Priority::Urgent : Priority::Normal;
    }
    changes.note = patchOf(args, "note");
    changes.patient = patchOf(args, "name");
    changes.patientId = patchOf(args, "patient-id");
    changes.queueId = text(args, "queue");
    if (changes.empty()) {
        throw UsageError{
            "edit needs at least one of --urgent, --normal, --note, --name, --patient-id, "
            "--queue"};
    }
    Desk desk(context);
    desk.core.sync();  // best effort: the freshest ticket there is
    const TransitionResult r = desk.core.edit(args.words[1], changes);
    if (r.delivery == Delivery::Failed) {
        std::cout << failure(r.problem) << "\n";
        return kFailed;
    }
    std::cout << (r.delivery == Delivery::Synced ? "done: " : "stored offline: ")
              << ticketLine(*r.ticket) << " queue=" << r.ticket->queueId
              << " priority=" << toString(r.ticket->priority);
    if (r.resolution) {
        std::cout << " resolution=" << toString(*r.resolution);
    }
    if (r.waitsForEarlierChange) {
        std::cout << " (waits for an earlier change of this ticket)";
    }
    std::cout << "\n";
    return exitFor(r.delivery);
}

int history(Context& context) {
    Desk desk(context);
    const HistoryResult r = desk.core.history(context.args.words[1]);
    if (!r.history) {
        std::cout << failure(r.problem) << "\n";
        return kFailed;
    }
    if (context.args.has("json")) {
        std::cout << codec::encode(*r.history) << "\n";
        return kDone;
    }
    for (const HistoryEntry& e : r.history->history) {
        const Ticket& t = e.ticket;
        std::cout << formatTimestamp(e.at) << " v" << t.version << " device=\"" << e.device << "\" "
                  << t.number << " " << toString(t.status) << " queue=" << t.queueId
                  << " priority=" << toString(t.priority) << " room=" << t.room.value_or("-")
                  << "\n";
    }
    return kDone;
}

int stats(Context& context) {
    const Arguments& args = context.args;
    const std::optional<std::string> day = text(args, "day");
    Desk desk(context);
    const StatsResult r = desk.core.stats(day);
    if (!r.stats) {
        std::cout << failure(r.problem) << "\n";
        return kFailed;
    }
    if (r.cached) {
        std::cerr << "sanad-cli: the server cannot be reached; figures as of "
                  << formatTimestamp(*r.fetchedAt) << "\n";
    }
    if (args.has("json")) {
        std::cout << codec::encode(*r.stats) << "\n";
        return kDone;
    }
    std::cout << "day " << r.stats->day << (r.cached ? " (cached)" : "") << "\n";
    for (const QueueStats& q : r.stats->queues) {
        std::cout << q.queueId << ": checked_in=" << q.checkedIn << " completed=" << q.completed
                  << " no_show=" << q.noShow << " cancelled=" << q.cancelled << " open=" << q.open
                  << " wait_median_min=" << minutes(q.waitMedianMin)
                  << " wait_p90_min=" << minutes(q.waitP90Min) << "\n";
        for (const HourStats& h : q.byHour) {
            std::cout << "  " << (h.hour < 10 ? "0" : "") << h.hour
                      << ":00 checked_in=" << h.checkedIn
                      << " wait_median_min=" << minutes(h.waitMedianMin) << "\n";
        }
    }
    return kDone;
}

}  // namespace sanad::cli
