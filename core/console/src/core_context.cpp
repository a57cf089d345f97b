#include "core_context.h"

#include <Poco/Logger.h>

#include <map>

namespace sanad::core {
namespace {
constexpr std::size_t kRemembered = 2000;  // far more calls than a practice makes in a day
}

Poco::Logger& consoleLogger() {
    return Poco::Logger::get("sanad.console");
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

void Reporter::report(std::function<void(ConsoleListener&)> call) {
    if (!listener_) {
        return;
    }
    if (depth_ > 0) {
        held_.push_back(std::move(call));
        return;
    }
    this->call(call);
}

void Reporter::call(const std::function<void(ConsoleListener&)>& call) {
    // A listener that throws loses its own call, not the others', and never undoes the change.
    try {
        call(*listener_);
    } catch (const std::exception& e) {
        consoleLogger().error("a listener failed: %s", std::string(e.what()));
    }
}

void Reporter::problem(ProblemKind kind, std::string detail) {
    consoleLogger().warning("%s: %s", std::string(toString(kind)), detail);
    report([p = Problem{kind, std::move(detail)}](ConsoleListener& l) { l.problemReported(p); });
}

void Reporter::transaction(ConsoleStore& store, const std::function<void()>& work) {
    const std::size_t mark = held_.size();
    ++depth_;
    try {
        store.transaction(work);
    } catch (...) {
        --depth_;
        held_.resize(mark);  // what rolled back never happened
        if (rolledBack_) {
            rolledBack_();
        }
        throw;
    }
    if (--depth_ > 0) {
        return;
    }
    std::vector<std::function<void(ConsoleListener&)>> calls;
    calls.swap(held_);
    for (auto& held : calls) {
        call(held);
    }
}

CoreContext::CoreContext(ConsoleSettings s, ConsoleListener* listener)
    : settings(std::move(s)),
      clock(settings.clock ? *settings.clock : Clock::system()),
      store(settings.dataDir, settings.storeBusyTimeout),
      reporter(listener),
      transport(makeTransport()),
      random(std::random_device{}()) {
    // A connectivity report dropped with a rollback: report the next verdict whatever it is.
    reporter.onRollback([this] { onlineKnown_ = false; });
}

std::unique_ptr<HttpTransport> CoreContext::makeTransport() const {
    if (settings.transport) {
        return settings.transport();
    }
    return std::make_unique<ApiClient>(settings.client);
}

std::string CoreContext::deviceId() {
    return store.meta(kMetaDeviceId).value_or("(this desk)");
}

void CoreContext::setOnline(bool online) {
    if (!onlineKnown_ || online != online_) {
        onlineKnown_ = true;
        online_ = online;
        consoleLogger().information(online ? "server reachable" : "server unreachable");
        reporter.report([online](ConsoleListener& l) { l.connectivityChanged(online); });
    }
}

void CoreContext::notifyOutbox() {
    reporter.report([counts = store.counts()](ConsoleListener& l) { l.outboxChanged(counts); });
}

bool CoreContext::hasUnsyncedRows(const std::string& ticketId, const std::string& exceptRowId) {
    return store.unsyncedRows(ticketId, exceptRowId) > 0;
}

void CoreContext::putTicket(const Ticket& ticket, bool pending) {
    std::optional<Ticket> before;
    if (auto cached = store.ticket(ticket.id)) {
        before = std::move(cached->ticket);
    }
    store.upsertTicket(ticket, pending);
    noteCall(before, ticket);
}

void CoreContext::putTickets(const std::string& queueId, const std::vector<Ticket>& tickets) {
    std::map<std::string, Ticket> before;
    for (CachedTicket& c : store.tickets(queueId)) {
        before.emplace(c.ticket.id, std::move(c.ticket));
    }
    store.putTickets(queueId, tickets);
    for (const Ticket& t : tickets) {
        const auto it = before.find(t.id);
        noteCall(it == before.end() ? std::nullopt : std::optional<Ticket>(it->second), t);
    }
}

void CoreContext::noteCall(const std::optional<Ticket>& before, const Ticket& after) {
    if (after.status != TicketStatus::Called || !after.calledAt ||
        localDay(*after.calledAt) != localDay(now())) {
        return;  // no call, or one of another day (a desk that was off overnight)
    }
    std::string queueName = after.queueId;
    for (const Queue& q : store.queues()) {
        if (q.id == after.queueId) {
            queueName = q.name;
        }
    }
    if (auto call = callOf(before, after, queueName)) {
        reporter.report([this, call = std::move(*call)](ConsoleListener& l) {
            if (firstReport(call)) {
                l.callMade(call);
            }
        });
    }
}

bool CoreContext::firstReport(const DisplayCall& call) {
    auto key = std::make_pair(call.ticketId, call.calledAt.time_since_epoch().count());
    if (!reported_.insert(key).second) {
        return false;
    }
    reportedOrder_.push_back(std::move(key));
    if (reportedOrder_.size() > kRemembered) {
        reported_.erase(reportedOrder_.front());
        reportedOrder_.pop_front();
    }
    return true;
}

}  // namespace sanad::core
