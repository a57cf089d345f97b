#include "sanad/core/stats.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace sanad::core {

namespace {

double minutesBetween(Timestamp from, Timestamp to) {
    return std::chrono::duration<double, std::ratio<60>>(to - from).count();
}

std::optional<double> rounded(std::optional<double> value) {
    return value ? std::optional<double>(oneDecimal(*value)) : std::nullopt;
}

}  // namespace

std::optional<double> median(std::vector<double> values) {
    if (values.empty()) {
        return std::nullopt;
    }
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

std::optional<double> nearestRank(std::vector<double> values, double p) {
    if (values.empty()) {
        return std::nullopt;
    }
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

double oneDecimal(double value) {
    return std::round(value * 10.0) / 10.0;
}

StatsResponse computeStats(const std::string& day, std::span<const std::string> queues,
                           std::span<const DayTicket> tickets) {
    StatsResponse out;
    out.day = day;
    for (const std::string& queueId : queues) {
        QueueStats q;
        q.queueId = queueId;
        std::vector<double> waits;
        std::map<std::int64_t, std::pair<std::int64_t, std::vector<double>>> hours;
        for (const DayTicket& t : tickets) {
            if (t.queueId != queueId) {
                continue;
            }
            ++q.checkedIn;
            q.completed += t.status == TicketStatus::Completed ? 1 : 0;
            q.noShow += t.status == TicketStatus::NoShow ? 1 : 0;
            q.cancelled += t.status == TicketStatus::Cancelled ? 1 : 0;
            q.open += isOpen(t.status) ? 1 : 0;
            auto& hour = hours[localHour(t.checkedInAt)];
            ++hour.first;
            if (t.firstCalledAt) {
                const double wait = std::max(0.0, minutesBetween(t.checkedInAt, *t.firstCalledAt));
                waits.push_back(wait);
                hour.second.push_back(wait);
            }
        }
        q.waitMedianMin = rounded(median(waits));
        q.waitP90Min = rounded(nearestRank(waits, 0.9));
        for (auto& [hour, figures] : hours) {
            q.byHour.push_back({hour, figures.first, rounded(median(figures.second))});
        }
        out.queues.push_back(std::move(q));
    }
    return out;
}

std::optional<std::int64_t> estimateWaitMin(std::int64_t waitingAhead,
                                            std::span<const Timestamp> firstCalls) {
    if (firstCalls.size() < kEstimateMinCalls) {
        return std::nullopt;
    }
    std::vector<Timestamp> calls(firstCalls.begin(), firstCalls.end());
    std::sort(calls.begin(), calls.end());
    const std::size_t from = calls.size() > kEstimateCalls ? calls.size() - kEstimateCalls : 0;
    std::vector<double> intervals;
    for (std::size_t i = from + 1; i < calls.size(); ++i) {
        intervals.push_back(minutesBetween(calls[i - 1], calls[i]));
    }
    const double perPatient = *median(std::move(intervals));
    return static_cast<std::int64_t>(std::llround(static_cast<double>(waitingAhead) * perPatient));
}

void deriveLine(std::span<Ticket> tickets, std::span<const Timestamp> firstCalls) {
    std::vector<Ticket*> line;
    for (Ticket& t : tickets) {
        t.position.reset();
        t.waitingAhead.reset();
        t.estimatedWaitMin.reset();
        if (hasPosition(t.status)) {
            line.push_back(&t);
        }
    }
    std::sort(line.begin(), line.end(),
              [](const Ticket* a, const Ticket* b) { return standsBefore(*a, *b); });
    for (std::size_t i = 0; i < line.size(); ++i) {
        Ticket& t = *line[i];
        t.position = static_cast<std::int64_t>(i + 1);
        if (t.status == TicketStatus::Waiting) {
            t.waitingAhead = *t.position - 1;
            t.estimatedWaitMin = estimateWaitMin(*t.waitingAhead, firstCalls);
        }
    }
}

}  // namespace sanad::core
