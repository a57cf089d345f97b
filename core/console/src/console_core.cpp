#include "sanad/core/console_core.h"

#include "sanad/core/check_in.h"
#include "sanad/core/codec.h"
#include "sanad/core/numbering.h"
#include "sanad/core/state_machine.h"
#include "sanad/core/uuid.h"

#include <Poco/Logger.h>
#include <Poco/NumberParser.h>

#include <charconv>
#include <thread>

namespace sanad::core {
namespace {

constexpr const char* kCheckInPath = "/api/nfc/check-in";
constexpr const char* kMetaPracticeKey = "practice_key";
constexpr const char* kMetaWindow = "checkin_window_s";
constexpr const char* kMetaDeviceId = "device_id";
constexpr const char* kMetaLastSync = "last_sync";
constexpr const char* kMetaProvisional = "provisional_counter";
constexpr const char* kLocalDevice = "(this desk)";

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.console");
}

std::string transitionPath(const std::string& ticketId) {
    return "/api/tickets/" + ticketId + "/transitions";
}

bool isCheckIn(const OfflineRequest& row) {
    return row.endpoint == kCheckInPath;
}

std::string describe(const HttpOutcome& out) {
    if (out.status == 0) {
        return "no answer from the server: " + out.message;
    }
    std::string text = "HTTP " + std::to_string(out.status);
    if (!out.errorCode.empty()) {
        text += " " + out.errorCode;
    }
    if (!out.message.empty()) {
        text += ": " + out.message;
    }
    return text;
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
    : settings_(std::move(settings)),
      listener_(listener),
      store_(settings_.dataDir),
      client_(settings_.client),
      random_(std::random_device{}()) {
    if (store_.damagedFileReport()) {
        logger().error(*store_.damagedFileReport());
        if (listener_) {
            listener_->errorReported(*store_.damagedFileReport());
        }
    }
}

std::optional<Timestamp> ConsoleCore::lastSync() {
    const auto text = store_.meta(kMetaLastSync);
    return text ? parseTimestamp(*text) : std::nullopt;
}

std::optional<Bytes> ConsoleCore::practiceKey() {
    auto hex = store_.meta(kMetaPracticeKey);
    if (!hex) {
        refresh();
        hex = store_.meta(kMetaPracticeKey);
    }
    return hex ? fromHex(*hex) : std::nullopt;
}

std::string ConsoleCore::deviceId() {
    return store_.meta(kMetaDeviceId).value_or(kLocalDevice);
}

void ConsoleCore::setOnline(bool online) {
    if (!onlineKnown_ || online != online_) {
        onlineKnown_ = true;
        online_ = online;
        logger().information(online ? "server reachable" : "server unreachable");
        if (listener_) {
            listener_->connectivityChanged(online);
        }
    }
}

void ConsoleCore::notifyOutbox() {
    if (listener_) {
        listener_->outboxChanged(store_.counts());
    }
}

bool ConsoleCore::hasUnsyncedRows(const std::string& ticketId, const std::string& exceptRowId) {
    return store_.unsyncedRows(ticketId, exceptRowId) > 0;
}

std::vector<Ticket> ConsoleCore::cachedTicketsOfCard(const std::string& cardRef,
                                                     const std::string& day) {
    std::vector<Ticket> out;
    std::vector<std::string> queueIds{settings_.queueId};
    for (const Queue& q : store_.queues()) {
        if (q.id != settings_.queueId) {
            queueIds.push_back(q.id);
        }
    }
    for (const std::string& q : queueIds) {
        for (const CachedTicket& c : store_.tickets(q)) {
            if (c.ticket.cardRef == cardRef && localDay(c.ticket.checkedInAt) == day) {
                out.push_back(c.ticket);
            }
        }
    }
    return out;
}

// --- changes ---

CheckInResult ConsoleCore::checkIn(std::span<const std::uint8_t> uid, Timestamp tapTime) {
    CheckInResult result;
    const auto key = practiceKey();
    if (!key) {
        result.delivery = Delivery::Failed;
        result.message =
            "this desk has never reached the server, so it cannot recognise cards yet; connect "
            "once and try again";
        if (listener_) {
            listener_->checkInDone(result);
        }
        return result;
    }
    return checkInCard(cardRef(*key, uid), tapTime);
}

CheckInResult ConsoleCore::checkInCard(const std::string& ref, Timestamp tapTime) {
    CheckInResult result;
    if (!isCardRef(ref)) {
        result.delivery = Delivery::Failed;
        result.message = "the card could not be read; please tap again";
        if (listener_) {
            listener_->checkInDone(result);
        }
        return result;
    }
    const std::string day = localDay(tapTime);
    const auto window =
        std::chrono::seconds(Poco::NumberParser::parse64(store_.meta(kMetaWindow).value_or("300")));

    // The same-card/same-desk rule, applied here too so that an offline desk does not make a
    // second ticket for a patient who tapped twice.
    const std::vector<Ticket> earlier = cachedTicketsOfCard(ref, day);
    const CheckInVerdict verdict = decideCheckIn(earlier, deviceId(), tapTime, window);
    if (verdict.decision == CheckInDecision::ReturnExisting) {
        const auto cached = store_.ticket(verdict.related->id);
        result.delivery = cached && cached->pending ? Delivery::Queued : Delivery::Synced;
        result.ticket = verdict.related;
        result.outcome = CheckInOutcome::Existing;
        if (listener_) {
            listener_->checkInDone(result);
        }
        return result;
    }

    Ticket local;
    local.id = newUuidV4();
    local.queueId = settings_.queueId;
    std::optional<std::string> leased = store_.takeLeasedNumber(settings_.queueId, day);
    if (leased) {
        local.number = *leased;
    } else {
        std::string code = "?";
        for (const Queue& q : store_.queues()) {
            if (q.id == settings_.queueId) {
                code = q.code;
            }
        }
        const std::int64_t n =
            Poco::NumberParser::parse64(store_.meta(kMetaProvisional).value_or("0")) + 1;
        store_.setMeta(kMetaProvisional, std::to_string(n));
        local.number = provisionalNumber(code, n);
        result.provisionalNumber = true;
    }
    local.status = TicketStatus::Waiting;
    local.cardRef = ref;
    local.deviceId = deviceId();
    local.checkedInAt = tapTime;
    local.createdAt = now();
    local.updatedAt = local.createdAt;

    OfflineRequest row;
    row.id = newUuidV4();
    row.endpoint = kCheckInPath;
    row.body = codec::encode(CheckIn{local.id, settings_.queueId, ref, tapTime, leased});
    row.ticketId = local.id;
    row.createdAt = now();
    // Outbox first: from here on the check-in survives a crash.
    row = store_.enqueue(row);
    store_.upsertTicket(local, true);
    if (listener_) {
        listener_->ticketsChanged(settings_.queueId);
    }

    const Delivered delivered = deliver(row);
    if (delivered.checkIn) {
        result.delivery = Delivery::Synced;
        result.ticket = delivered.checkIn->ticket;
        result.outcome = delivered.checkIn->outcome;
        result.warning = delivered.checkIn->warning;
        result.provisionalNumber = false;
    } else {
        result.delivery =
            delivered.outcome == OutcomeClass::Permanent ? Delivery::Failed : Delivery::Queued;
        result.ticket = local;
        result.message = delivered.message;
    }
    notifyOutbox();
    if (listener_) {
        listener_->checkInDone(result);
    }
    return result;
}

TransitionResult ConsoleCore::transition(const std::string& ticketId, TicketStatus to,
                                         std::optional<std::string> room) {
    TransitionResult result;
    const auto cached = store_.ticket(ticketId);
    if (!cached) {
        result.delivery = Delivery::Failed;
        result.message = "ticket " + ticketId + " is not in this desk's queue";
        return result;
    }
    if (!isValidTransition(cached->ticket.status, to)) {
        result.delivery = Delivery::Failed;
        result.ticket = cached->ticket;
        result.message = "a ticket that is " + std::string(toString(cached->ticket.status)) +
                         " cannot become " + std::string(toString(to));
        return result;
    }
    if (to == TicketStatus::Called && !room) {
        room = settings_.room;
    }
    // base_version is the last version the server told us, however many local steps came since.
    const Transition change{to, cached->ticket.version, now(), room, false};
    OfflineRequest row;
    row.id = newUuidV4();
    row.endpoint = transitionPath(ticketId);
    row.body = codec::encode(change);
    row.ticketId = ticketId;
    row.createdAt = now();
    row = store_.enqueue(row);
    Ticket local = applyTransition(cached->ticket, change, now());
    local.version = cached->ticket.version;
    store_.upsertTicket(local, true);
    if (listener_) {
        listener_->ticketsChanged(local.queueId);
    }

    result.ticket = local;
    result.delivery = Delivery::Queued;
    // Due now unless an earlier change of this ticket is still on its way.
    if (!hasUnsyncedRows(ticketId, row.id)) {
        const Delivered delivered = deliver(row);
        if (delivered.transition) {
            result.delivery = Delivery::Synced;
            result.ticket = delivered.transition->ticket;
            result.resolution = delivered.transition->resolution;
        } else if (delivered.outcome == OutcomeClass::Permanent ||
                   delivered.outcome == OutcomeClass::Conflict) {
            result.delivery = Delivery::Failed;
            result.message = delivered.message;
        } else {
            result.message = delivered.message;
        }
    } else {
        result.message = "waits for an earlier change of this ticket";
    }
    notifyOutbox();
    return result;
}

void ConsoleCore::setQueue(const std::string& queueId) {
    if (queueId.empty() || queueId == settings_.queueId) {
        return;
    }
    settings_.queueId = queueId;
    if (online_) {
        topUpNumbers();
    }
    if (listener_) {
        listener_->ticketsChanged(queueId);
    }
}

QueueView ConsoleCore::view(const std::string& queueId) {
    QueueView v;
    v.queueId = queueId.empty() ? settings_.queueId : queueId;
    v.queues = store_.queues();
    v.tickets = store_.tickets(v.queueId);
    v.counts = store_.counts();
    v.lastSync = lastSync();
    v.online = online_;
    if (const auto window = store_.meta(kMetaWindow)) {
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
    return store_.list({OutboxStatus::Failed, OutboxStatus::Conflict});
}

std::optional<Ticket> ConsoleCore::nextWaiting() {
    for (const CachedTicket& c : store_.tickets(settings_.queueId)) {
        if (c.ticket.status == TicketStatus::Waiting) {
            return c.ticket;
        }
    }
    return std::nullopt;
}

// --- delivery ---

ConsoleCore::Delivered ConsoleCore::deliver(const OfflineRequest& row) {
    return apply(row, client_.request(row.method, row.endpoint, row.body, row.id));
}

ConsoleCore::Delivered ConsoleCore::apply(const OfflineRequest& row, const HttpOutcome& out) {
    Delivered d;
    d.outcome = out.outcome;
    d.message = describe(out);
    if (out.outcome == OutcomeClass::Success) {
        try {
            if (isCheckIn(row)) {
                d.checkIn = codec::decodeCheckInResponse(out.body);
            } else {
                d.transition = codec::decodeTransitionResponse(out.body);
            }
        } catch (const CodecError& e) {
            // An answer that is not the contract is a server failure: retry, never trust it.
            d.outcome = OutcomeClass::ServerFailure;
            d.message = "the server's answer is not understood (" + e.displayText() + ")";
            d.checkIn.reset();
            d.transition.reset();
        }
    }
    switch (d.outcome) {
        case OutcomeClass::Success: {
            setOnline(true);
            store_.markSynced(row.id);
            const Ticket& ticket = d.checkIn ? d.checkIn->ticket : d.transition->ticket;
            if (d.checkIn) {
                if (ticket.id != row.ticketId) {
                    store_.removeTicket(row.ticketId);  // the server had one already: show that
                }
                if (d.checkIn->outcome == CheckInOutcome::Created && !ticket.deviceId.empty()) {
                    store_.setMeta(kMetaDeviceId, ticket.deviceId);
                }
            }
            // While later changes of this ticket wait, the local view stays the newer one.
            if (!hasUnsyncedRows(ticket.id, row.id)) {
                store_.upsertTicket(ticket, false);
            }
            if (listener_) {
                listener_->ticketsChanged(ticket.queueId);
            }
            break;
        }
        case OutcomeClass::NetworkLoss:
            setOnline(false);  // waits for connectivity; burns no attempt
            break;
        case OutcomeClass::ServerFailure:
        case OutcomeClass::InFlight: {
            setOnline(true);
            const int attempts = row.retryCount + 1;
            const auto delay = retryDelay(settings_.retry, attempts, random_);
            if (delay) {
                store_.markRetrying(row.id, attempts, now() + *delay, d.message);
            } else {
                store_.markFailed(row.id, d.message + " (gave up after " +
                                              std::to_string(attempts) + " attempts)");
            }
            break;
        }
        case OutcomeClass::Permanent:
            setOnline(true);
            store_.markFailed(row.id, d.message);
            if (listener_) {
                listener_->errorReported(d.message);
            }
            break;
        case OutcomeClass::Conflict: {
            setOnline(true);
            store_.markConflict(row.id, d.message);
            try {
                const HttpOutcome& o = out;
                const ConflictResponse conflict = codec::decodeConflictResponse(o.body);
                if (listener_) {
                    listener_->conflictReported(
                        ConflictReport{row.id, conflict.rule, conflict.server, conflict.requested});
                }
            } catch (const CodecError& e) {
                logger().error("conflict answer not understood: %s", e.displayText());
            }
            break;
        }
    }
    return d;
}

std::size_t ConsoleCore::deliverDue() {
    std::size_t delivered = 0;
    const std::size_t lanes = std::max<std::size_t>(1, settings_.parallelSends);
    while (laneClients_.size() < lanes) {
        laneClients_.push_back(std::make_unique<ApiClient>(settings_.client));
    }
    // Each round sends the first waiting change of up to `kRound` tickets, spread over several
    // connections (changes of different tickets may overtake each other; those of one ticket
    // never do), then records all answers in one transaction. A success may make the next
    // change of the same ticket due: go round until quiet.
    constexpr std::size_t kRound = 512;
    for (int round = 0; round < 100000; ++round) {
        const std::vector<OfflineRequest> due = store_.due(now(), kRound);
        if (due.empty()) {
            break;
        }
        std::vector<HttpOutcome> answers(due.size());
        auto sendLane = [&](std::size_t lane) {
            for (std::size_t i = lane; i < due.size(); i += lanes) {
                const OfflineRequest& row = due[i];
                try {
                    answers[i] =
                        laneClients_[lane]->request(row.method, row.endpoint, row.body, row.id);
                } catch (const std::exception& e) {  // no exception leaves a thread
                    answers[i].message = e.what();
                }
                if (answers[i].outcome == OutcomeClass::NetworkLoss) {
                    return;  // the rest of this lane stays as it is (HttpOutcome{} is NetworkLoss)
                }
            }
        };
        if (due.size() == 1 || lanes == 1) {
            sendLane(0);
            for (std::size_t lane = 1; lane < lanes; ++lane)
                sendLane(lane);
        } else {
            std::vector<std::thread> threads;
            for (std::size_t lane = 0; lane < std::min(lanes, due.size()); ++lane) {
                threads.emplace_back(sendLane, lane);
            }
            for (std::thread& t : threads) {
                t.join();
            }
        }
        bool progress = false;
        bool lost = false;
        store_.transaction([&] {
            for (std::size_t i = 0; i < due.size(); ++i) {
                if (answers[i].outcome == OutcomeClass::NetworkLoss) {
                    lost = true;
                    continue;
                }
                if (apply(due[i], answers[i]).outcome == OutcomeClass::Success) {
                    ++delivered;
                    progress = true;
                }
            }
        });
        if (lost) {
            setOnline(false);
            break;
        }
        if (!progress) {
            break;
        }
    }
    notifyOutbox();
    return delivered;
}

bool ConsoleCore::refresh(std::string* problem) {
    const HttpOutcome config = client_.get("/api/config");
    // A failed call: offline when the server was not reached, else reported with its reason.
    auto failed = [&](const HttpOutcome& out) {
        if (out.outcome == OutcomeClass::NetworkLoss) {
            setOnline(false);
            return false;
        }
        if (listener_) {
            listener_->errorReported(describe(out));
        }
        return false;
    };
    if (config.outcome != OutcomeClass::Success) {
        // The first call refused (a wrong token: 401): that will not pass by waiting, unlike a
        // server failure.
        if (problem && config.outcome == OutcomeClass::Permanent) {
            *problem = describe(config);
        }
        return failed(config);
    }
    try {
        const ConfigResponse c = codec::decodeConfigResponse(config.body);
        store_.setMeta(kMetaPracticeKey, c.practiceKey);
        store_.setMeta(kMetaWindow, std::to_string(c.checkinWindowS));
        const HttpOutcome queues = client_.get("/api/queues");
        if (queues.outcome != OutcomeClass::Success) {
            return failed(queues);
        }
        const QueuesResponse q = codec::decodeQueuesResponse(queues.body);
        store_.putQueues(q.queues);
        for (const Queue& queue : q.queues) {
            const HttpOutcome tickets = client_.get("/api/queues/" + queue.id + "/tickets");
            if (tickets.outcome != OutcomeClass::Success) {
                return failed(tickets);
            }
            const TicketsResponse t = codec::decodeTicketsResponse(tickets.body);
            store_.putTickets(queue.id, t.tickets);
            store_.setMeta("seq", std::to_string(t.seq));
            if (listener_) {
                listener_->ticketsChanged(queue.id);
            }
        }
    } catch (const CodecError& e) {
        if (listener_) {
            listener_->errorReported("the server's answer is not understood: " + e.displayText());
        }
        return false;
    }
    setOnline(true);
    store_.setMeta(kMetaLastSync, formatTimestamp(now()));
    return true;
}

void ConsoleCore::topUpNumbers() {
    const std::string day = localDay(now());
    if (store_.leasedNumbersLeft(settings_.queueId, day) >= settings_.numberBlockRefillBelow) {
        return;
    }
    const HttpOutcome out = client_.post(
        "/api/number-blocks",
        codec::encode(NumberBlockRequest{settings_.queueId, settings_.numberBlockSize}),
        newUuidV4());
    if (out.outcome != OutcomeClass::Success) {
        return;
    }
    try {
        const NumberBlockResponse block = codec::decodeNumberBlockResponse(out.body);
        store_.putNumberBlock(NumberBlock{block.queueId, day, block.numbers});
    } catch (const CodecError& e) {
        logger().warning("number block answer not understood: %s", e.displayText());
    }
}

SyncReport ConsoleCore::sync() {
    SyncReport report;
    report.delivered = deliverDue();
    report.reachable = refresh(&report.problem);
    if (report.reachable) {
        // Rows that waited for connectivity go now; then keep numbers for the next outage.
        report.delivered += deliverDue();
        topUpNumbers();
    }
    store_.purgeSynced(
        now() - std::chrono::duration_cast<std::chrono::milliseconds>(settings_.keepSyncedRows));
    report.counts = store_.counts();
    return report;
}

void ConsoleCore::applyChange(const Change& change) {
    const std::int64_t seen = Poco::NumberParser::parse64(store_.meta("seq").value_or("0"));
    if (!hasUnsyncedRows(change.ticket.id, "")) {
        store_.upsertTicket(change.ticket, false);
        if (listener_) {
            listener_->ticketsChanged(change.ticket.queueId);
        }
    }
    if (change.seq > seen) {
        store_.setMeta("seq", std::to_string(change.seq));
    }
}

bool ConsoleCore::catchUp() {
    for (int page = 0; page < 1000; ++page) {
        const std::string since = store_.meta("seq").value_or("0");
        const HttpOutcome out = client_.get("/api/changes?since=" + since);
        if (out.outcome != OutcomeClass::Success) {
            if (out.outcome == OutcomeClass::NetworkLoss) {
                setOnline(false);
            }
            return false;
        }
        ChangesResponse changes;
        try {
            changes = codec::decodeChangesResponse(out.body);
        } catch (const CodecError& e) {
            if (listener_) {
                listener_->errorReported("the server's changes are not understood: " +
                                         e.displayText());
            }
            return false;
        }
        store_.transaction([&] {
            for (const Change& change : changes.changes) {
                applyChange(change);
            }
        });
        setOnline(true);
        store_.setMeta(kMetaLastSync, formatTimestamp(now()));
        if (!changes.more) {
            return true;
        }
    }
    return true;
}

void ConsoleCore::liveFeedConnected(bool connected) {
    if (connected) {
        // Connectivity is back: catch up, then send what waited.
        if (catchUp()) {
            deliverDue();
            topUpNumbers();
        }
    } else {
        setOnline(false);
    }
}

void ConsoleCore::liveFeedAlive() {
    if (!online_) {
        liveFeedConnected(true);
    }
}

void ConsoleCore::resolveConflict(const std::string& rowId, ConflictChoice choice) {
    const auto row = store_.find(rowId);
    if (!row || row->status != OutboxStatus::Conflict) {
        return;
    }
    const HttpOutcome out = client_.request(row->method, row->endpoint, row->body, row->id);
    // The stored 409 is replayed for this key: it carries the server's ticket.
    std::optional<ConflictResponse> conflict;
    try {
        conflict = codec::decodeConflictResponse(out.body);
    } catch (const CodecError&) {
    }
    if (choice == ConflictChoice::TakeServers) {
        store_.discard(rowId);
        if (conflict) {
            store_.upsertTicket(conflict->server, hasUnsyncedRows(row->ticketId, rowId));
            if (listener_) {
                listener_->ticketsChanged(conflict->server.queueId);
            }
        }
    } else {
        if (!conflict) {
            store_.retry(rowId);  // could not learn the server's version: try the change again
        } else {
            Transition mine = codec::decodeTransition(row->body);
            mine.force = true;
            mine.baseVersion = conflict->server.version;
            OfflineRequest forced;
            forced.id = newUuidV4();
            forced.endpoint = row->endpoint;
            forced.body = codec::encode(mine);
            forced.ticketId = row->ticketId;
            forced.createdAt = now();
            store_.enqueue(forced);
            store_.discard(rowId);
        }
        deliverDue();
    }
    notifyOutbox();
}

bool ConsoleCore::retryRow(const std::string& rowId) {
    const auto row = store_.find(rowId);
    if (!row || (row->status != OutboxStatus::Failed && row->status != OutboxStatus::Retrying)) {
        return false;
    }
    store_.retry(rowId);
    notifyOutbox();
    return true;
}

bool ConsoleCore::discardRow(const std::string& rowId) {
    const auto row = store_.find(rowId);
    if (!row || row->status == OutboxStatus::Synced) {
        return false;
    }
    store_.discard(rowId);
    // A discarded check-in leaves no local ticket behind.
    if (isCheckIn(*row) && !hasUnsyncedRows(row->ticketId, rowId)) {
        const auto cached = store_.ticket(row->ticketId);
        if (cached && cached->pending) {
            store_.removeTicket(row->ticketId);
        }
    }
    notifyOutbox();
    return true;
}

}  // namespace sanad::core
