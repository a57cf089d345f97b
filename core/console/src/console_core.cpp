#include "sanad/core/console_core.h"

#include "cache_puller.h"
#include "core_context.h"
#include "number_leaser.h"
#include "outbox_sender.h"

#include "sanad/core/check_in.h"
#include "sanad/core/codec.h"
#include "sanad/core/state_machine.h"
#include "sanad/core/uuid.h"

#include <Poco/Logger.h>
#include <Poco/NumberParser.h>

#include <algorithm>
#include <charconv>

namespace sanad::core {
namespace {

std::string transitionPath(const std::string& ticketId) {
    return "/api/tickets/" + ticketId + "/transitions";
}

/// Positions as the server would give them, over what this desk knows (its own urgent marks and
/// transfers offline included): urgent first, then by queued_at. The estimate stays the server's.
void orderLine(std::vector<CachedTicket>& tickets) {
    std::vector<CachedTicket*> line;
    for (CachedTicket& c : tickets) {
        if (hasPosition(c.ticket.status)) {
            line.push_back(&c);
        } else {
            c.ticket.position.reset();
        }
    }
    std::stable_sort(line.begin(), line.end(), [](const CachedTicket* a, const CachedTicket* b) {
        return standsBefore(a->ticket, b->ticket);
    });
    for (std::size_t i = 0; i < line.size(); ++i) {
        line[i]->ticket.position = static_cast<std::int64_t>(i + 1);
    }
}

}  // namespace

std::string_view toString(Delivery delivery) {
    switch (delivery) {
        case Delivery::Synced:
            return "synced";
        case Delivery::Queued:
            return "queued";
        case Delivery::Failed:
            return "failed";
    }
    return "unknown";
}

ConsoleCore::ConsoleCore(ConsoleSettings settings, ConsoleListener* listener)
    : context_(std::make_unique<CoreContext>(std::move(settings), listener)),
      numbers_(std::make_unique<NumberLeaser>(*context_)),
      cache_(std::make_unique<CachePuller>(*context_)),
      sender_(std::make_unique<OutboxSender>(*context_)) {
    if (const auto& report = context_->store.damagedFileReport()) {
        consoleLogger().error(*report);
        context_->reporter.problem(ProblemKind::StoreDamaged, *report);
    }
}

ConsoleCore::~ConsoleCore() = default;

bool ConsoleCore::online() const {
    return context_->online();
}
ConsoleStore& ConsoleCore::store() {
    return context_->store;
}
const ConsoleSettings& ConsoleCore::settings() const {
    return context_->settings;
}
std::optional<Timestamp> ConsoleCore::lastSync() {
    return cache_->lastSync();
}

std::optional<Bytes> ConsoleCore::cachedPracticeKey() {
    const auto hex = context_->store.meta(kMetaPracticeKey);
    return hex ? fromHex(*hex) : std::nullopt;
}

std::optional<std::string> ConsoleCore::statusUrl(const std::string& ticketId) {
    try {
        const auto key = cachedPracticeKey();
        std::string base = context_->store.meta(kMetaPublicUrl).value_or("");
        while (!base.empty() && base.back() == '/') {
            base.pop_back();
        }
        if (!key || base.empty() || ticketId.empty()) {
            return std::nullopt;
        }
        return base + "/t/" + statusToken(*key, ticketId);
    } catch (const Poco::Exception&) {
        return std::nullopt;  // the check-in's own result says what is wrong with the store
    }
}

std::optional<Bytes> ConsoleCore::practiceKey() {
    if (auto key = cachedPracticeKey()) {
        return key;
    }
    cache_->refresh();
    return cachedPracticeKey();
}

std::vector<Ticket> ConsoleCore::cachedTicketsOfCard(const std::string& cardRef,
                                                     const std::string& day) {
    ConsoleStore& store = context_->store;
    const std::string& desk = context_->settings.queueId;
    std::vector<Ticket> out;
    std::vector<std::string> queueIds{desk};
    for (const Queue& q : store.queues()) {
        if (q.id != desk) {
            queueIds.push_back(q.id);
        }
    }
    for (const std::string& q : queueIds) {
        for (const CachedTicket& c : store.tickets(q)) {
            if (c.ticket.cardRef == cardRef && localDay(c.ticket.checkedInAt) == day) {
                out.push_back(c.ticket);
            }
        }
    }
    return out;
}

// --- changes ---

CheckInResult ConsoleCore::finishCheckIn(CheckInResult result) {
    if (result.ticket) {
        result.statusUrl = statusUrl(result.ticket->id);
    }
    context_->reporter.report([result](ConsoleListener& l) { l.checkInDone(result); });
    return result;
}

CheckInResult ConsoleCore::checkIn(std::span<const std::uint8_t> uid,
                                   std::optional<Timestamp> tapTime) {
    std::optional<Bytes> key;
    try {
        key = practiceKey();
    } catch (const Poco::Exception& e) {
        CheckInResult result;
        result.delivery = Delivery::Failed;
        result.problem = Problem{ProblemKind::StoreUnavailable, e.displayText()};
        return finishCheckIn(result);
    }
    if (!key) {
        CheckInResult result;
        result.delivery = Delivery::Failed;
        result.problem = Problem{ProblemKind::NeverConnected,
                                 "this desk has never reached the server, so it cannot recognise "
                                 "cards yet; connect once and try again"};
        return finishCheckIn(result);
    }
    return checkInCard(cardRef(*key, uid), tapTime);
}

CheckInResult ConsoleCore::checkInCard(const std::string& ref, std::optional<Timestamp> tapTime) {
    CoreContext& c = *context_;
    CheckInResult result;
    if (!isCardRef(ref)) {
        result.delivery = Delivery::Failed;
        result.problem =
            Problem{ProblemKind::CardUnreadable, "the card could not be read; please tap again"};
        return finishCheckIn(result);
    }
    const Timestamp tap = tapTime.value_or(c.now());
    const std::string day = localDay(tap);
    const std::string queueId = c.settings.queueId;
    Ticket local;
    try {
        const auto window = std::chrono::seconds(
            Poco::NumberParser::parse64(c.store.meta(kMetaWindow).value_or("300")));
        // The same-card/same-desk rule, applied here too so that an offline desk does not make
        // a second ticket for a patient who tapped twice.
        const std::vector<Ticket> earlier = cachedTicketsOfCard(ref, day);
        const CheckInVerdict verdict = decideCheckIn(earlier, c.deviceId(), tap, window);
        if (verdict.decision == CheckInDecision::ReturnExisting) {
            const auto cached = c.store.ticket(verdict.related->id);
            result.delivery = cached && cached->pending ? Delivery::Queued : Delivery::Synced;
            result.ticket = verdict.related;
            result.outcome = CheckInOutcome::Existing;
            return finishCheckIn(result);
        }
        local.id = newUuidV4();
        local.queueId = queueId;
        local.cardRef = ref;
        local.checkedInAt = tap;
        if (const auto card = c.store.card(ref)) {  // a registered card: its name, offline too
            local.patient = card->patient;
            local.patientId = card->patientId;
        }
    } catch (const Poco::Exception& e) {
        return checkInNotStored(e);
    }
    return commitCheckIn(std::move(local), kCheckInPath,
                         [&](const Ticket& t, const std::optional<std::string>& number) {
                             return codec::encode(CheckIn{t.id, t.queueId, ref, tap, number});
                         });
}

CheckInResult ConsoleCore::checkInNotStored(const Poco::Exception& e) {
    consoleLogger().error("check-in not stored: %s", e.displayText());
    CheckInResult result;
    result.delivery = Delivery::Failed;
    result.problem = Problem{ProblemKind::StoreUnavailable,
                             "the check-in could not be stored: " + e.displayText()};
    return finishCheckIn(result);
}

CheckInResult ConsoleCore::commitCheckIn(Ticket local, const std::string& endpoint,
                                         const CheckInBody& body) {
    CoreContext& c = *context_;
    CheckInResult result;
    const std::string queueId = local.queueId;
    const std::string day = localDay(local.checkedInAt);
    local.status = TicketStatus::Waiting;
    local.deviceId = c.deviceId();
    local.createdAt = c.now();
    local.updatedAt = local.createdAt;
    local.queuedAt = local.checkedInAt;
    OfflineRequest row;
    try {
        // Outbox first, number, row and local ticket in one transaction: from its commit on the
        // check-in survives a crash; if the disk refuses it, nothing is stored and the number
        // is not used up.
        c.reporter.transaction(c.store, [&] {
            const NumberLeaser::Taken number = numbers_->take(queueId, day);
            local.number = number.number;
            result.provisionalNumber = !number.leased;
            row.id = newUuidV4();
            row.endpoint = endpoint;
            row.body = body(local, number.leased);
            row.ticketId = local.id;
            row.createdAt = c.now();
            row = c.store.enqueue(row);
            c.putTicket(local, true);
            c.reporter.report([queueId](ConsoleListener& l) { l.ticketsChanged(queueId); });
        });
    } catch (const Poco::Exception& e) {
        return checkInNotStored(e);
    }

    OutboxSender::Delivered delivered;
    try {
        delivered = sender_->deliver(row);
    } catch (const Poco::Exception& e) {
        // Stored, but the answer could not be recorded: the row goes again (a replay).
        result.delivery = Delivery::Queued;
        result.ticket = local;
        result.problem = Problem{ProblemKind::StoreUnavailable, e.displayText()};
        return finishCheckIn(result);
    }
    if (delivered.checkIn) {
        result.delivery = Delivery::Synced;
        result.ticket = delivered.checkIn->ticket;
        result.outcome = delivered.checkIn->outcome;
        result.warning = delivered.checkIn->warning;
        result.warningDetail = delivered.checkIn->warningDetail;
        result.provisionalNumber = false;
    } else {
        const bool refused = delivered.outcome == OutcomeClass::Permanent;
        result.delivery = refused ? Delivery::Failed : Delivery::Queued;
        result.ticket = local;
        if (refused) {
            result.problem = Problem{ProblemKind::ChangeRefused, delivered.detail};
        }
    }
    return finishCheckIn(result);
}

TransitionResult ConsoleCore::transition(const std::string& ticketId, TicketStatus to,
                                         std::optional<std::string> room) {
    CoreContext& c = *context_;
    TransitionResult result;
    const auto cached = c.store.ticket(ticketId);
    if (!cached) {
        return unknownTicket<TransitionResult>(ticketId);
    }
    if (!isValidTransition(cached->ticket.status, to)) {
        result.delivery = Delivery::Failed;
        result.ticket = cached->ticket;
        result.problem =
            Problem{ProblemKind::InvalidTransition,
                    "a ticket that is " + std::string(toString(cached->ticket.status)) +
                        " cannot become " + std::string(toString(to))};
        return result;
    }
    if (to == TicketStatus::Called && !room) {
        room = c.settings.room;
    }
    // base_version is the last version the server told us, however many local steps came since.
    const Transition change{to, cached->ticket.version, c.now(), room, false};
    OfflineRequest row;
    row.endpoint = transitionPath(ticketId);
    row.body = codec::encode(change);
    row.ticketId = ticketId;
    Ticket local = applyTransition(cached->ticket, change, c.now());
    local.version = cached->ticket.version;
    return commitTicketChange(std::move(row), local, local.queueId);
}

TransitionResult ConsoleCore::commitTicketChange(OfflineRequest row, const Ticket& local,
                                                 const std::string& formerQueue) {
    CoreContext& c = *context_;
    TransitionResult result;
    row.id = newUuidV4();
    row.createdAt = c.now();
    c.reporter.transaction(c.store, [&] {
        row = c.store.enqueue(row);
        c.putTicket(local, true);
        c.reporter.report([q = local.queueId, formerQueue](ConsoleListener& l) {
            l.ticketsChanged(q);
            if (formerQueue != q) {
                l.ticketsChanged(formerQueue);  // a transfer leaves one list for another
            }
        });
    });

    result.ticket = local;
    result.delivery = Delivery::Queued;
    // Due now unless an earlier change of this ticket is still on its way.
    if (c.hasUnsyncedRows(row.ticketId, row.id)) {
        result.waitsForEarlierChange = true;
        c.notifyOutbox();
        return result;
    }
    const OutboxSender::Delivered delivered = sender_->deliver(row);
    if (delivered.transition) {
        result.delivery = Delivery::Synced;
        result.ticket = delivered.transition->ticket;
        result.resolution = delivered.transition->resolution;
    } else if (delivered.outcome == OutcomeClass::Permanent ||
               delivered.outcome == OutcomeClass::Conflict) {
        result.delivery = Delivery::Failed;
        result.problem = Problem{ProblemKind::ChangeRefused, delivered.detail};
    }
    return result;
}

void ConsoleCore::setQueue(const std::string& queueId) {
    if (queueId.empty() || queueId == context_->settings.queueId) {
        return;
    }
    context_->settings.queueId = queueId;
    if (context_->online()) {
        numbers_->topUp();
    }
    context_->reporter.report([queueId](ConsoleListener& l) { l.ticketsChanged(queueId); });
}

QueueView ConsoleCore::view(const std::string& queueId) {
    ConsoleStore& store = context_->store;
    QueueView v;
    v.queueId = queueId.empty() ? context_->settings.queueId : queueId;
    v.queues = store.queues();
    v.tickets = store.tickets(v.queueId);
    orderLine(v.tickets);
    v.counts = store.counts();
    v.lastSync = lastSync();
    v.online = context_->online();
    if (const auto window = store.meta(kMetaWindow)) {
        std::int64_t seconds = 0;
        const auto [end, ec] =
            std::from_chars(window->data(), window->data() + window->size(), seconds);
        if (ec == std::errc() && seconds > 0) {
            v.checkinWindowS = seconds;
        }
    }
    return v;
}

std::vector<OfflineRequest> ConsoleCore::unsentChanges() {
    return context_->store.list({OutboxStatus::Failed, OutboxStatus::Conflict});
}

std::optional<Ticket> ConsoleCore::nextWaiting() {
    // The line's order: an urgent ticket is called first.
    std::vector<CachedTicket> tickets = context_->store.tickets(context_->settings.queueId);
    orderLine(tickets);
    std::optional<Ticket> next;
    for (const CachedTicket& c : tickets) {
        if (c.ticket.status == TicketStatus::Waiting &&
            (!next || c.ticket.position < next->position)) {
            next = c.ticket;
        }
    }
    return next;
}

// --- sync ---

std::size_t ConsoleCore::deliverDue() {
    return sender_->deliverDue();
}

std::optional<Timestamp> ConsoleCore::nextAttemptAt() {
    return context_->store.nextAttemptAt();
}

SyncReport ConsoleCore::sync() {
    CoreContext& c = *context_;
    SyncReport report;
    report.delivered = sender_->deliverDue();
    report.reachable = cache_->refresh(&report.problem);
    if (report.reachable) {
        // Rows that waited for connectivity go now; then keep numbers for the next outage.
        report.delivered += sender_->deliverDue();
        numbers_->topUp();
    }
    c.store.purgeSynced(
        c.now() - std::chrono::duration_cast<std::chrono::milliseconds>(c.settings.keepSyncedRows));
    report.counts = c.store.counts();
    return report;
}

void ConsoleCore::applyChange(const Change& change) {
    cache_->applyChange(change);
}

bool ConsoleCore::catchUp() {
    return cache_->catchUp();
}

void ConsoleCore::liveFeedConnected(bool connected) {
    if (connected) {
        // Connectivity is back: catch up, then send what waited.
        if (cache_->catchUp()) {
            sender_->deliverDue();
            numbers_->topUp();
        }
    } else {
        context_->setOnline(false);
    }
}

void ConsoleCore::liveFeedAlive() {
    if (!context_->online()) {
        liveFeedConnected(true);
    }
}

void ConsoleCore::resolveConflict(const std::string& rowId, ConflictChoice choice) {
    sender_->resolveConflict(rowId, choice);
}

bool ConsoleCore::retryRow(const std::string& rowId) {
    return sender_->retryRow(rowId);
}

bool ConsoleCore::discardRow(const std::string& rowId) {
    return sender_->discardRow(rowId);
}

}  // namespace sanad::core
