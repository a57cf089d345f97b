#include "core_context.h"

#include <Poco/Logger.h>

namespace sanad::core {

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

}  // namespace sanad::core
