#pragma once

#include "sanad/core/ticket.h"
#include "sanad/core/time.h"
#include "sanad/core/wire.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sanad::core {

/// The facts of one ticket of the day that the statistics and the estimate need.
struct DayTicket {
    std::string queueId;  // its current queue
    TicketStatus status = TicketStatus::Waiting;
    Timestamp checkedInAt{};
    std::optional<Timestamp> firstCalledAt;  // the first call; a recall does not move it
    bool operator==(const DayTicket&) const = default;
};

/// The day's figures per queue (wire contract v1.1, `GET /api/stats`): every queue of `queues`
/// is listed, in that order, a ticket counted under its current queue; waits from check-in to the
/// first call in minutes with one decimal (median, 90th percentile by nearest rank); `by_hour`
/// in the local hours that had check-ins, ascending. Pure but for the local time zone.
StatsResponse computeStats(const std::string& day, std::span<const std::string> queues,
                           std::span<const DayTicket> tickets);

/// The median of `values` (the mean of the two middle ones for an even count); nullopt if empty.
std::optional<double> median(std::vector<double> values);
/// The nearest-rank percentile (`p` in (0, 1]): the ceil(p·n)-th smallest; nullopt if empty.
std::optional<double> nearestRank(std::vector<double> values, double p);
/// Rounds to one decimal (half away from zero).
double oneDecimal(double value);

/// How many first calls the estimate looks at, and how many it needs before it says anything.
inline constexpr std::size_t kEstimateCalls = 10;
inline constexpr std::size_t kEstimateMinCalls = 3;

/// The waiting estimate: `waitingAhead` × the median interval between the queue's last 10 first
/// calls today (`firstCalls`, any order), rounded to whole minutes; nullopt until the queue has
/// had 3 calls today. Pure.
std::optional<std::int64_t> estimateWaitMin(std::int64_t waitingAhead,
                                            std::span<const Timestamp> firstCalls);

/// Sets the derived members of a queue's open tickets (`position`, `waiting_ahead`,
/// `estimated_wait_min`) from the line's order (standsBefore) and the queue's first calls today.
/// Pure; `tickets` are the queue's tickets, any status, any order.
void deriveLine(std::span<Ticket> tickets, std::span<const Timestamp> firstCalls);

}  // namespace sanad::core
