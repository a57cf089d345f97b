#pragma once

#include "sanad/core/check_in.h"
#include "sanad/core/ticket.h"
#include "sanad/core/transition.h"
#include "sanad/core/wire.h"

#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>

namespace sanad::core::codec {

/// The JSON mapping of every wire type (Poco::JSON). Encoding writes the fields in contract
/// order, times as RFC 3339 UTC with milliseconds, absent optionals as null. Decoding is strict:
/// a required field that is missing, null, of the wrong JSON type, or of the right type with a
/// value outside the contract (unknown status, bad time, bad UUID, negative version) throws
/// CodecError naming the field as a dotted path ("ticket.status", "queues[2].code"). Unknown
/// extra fields are ignored. Numbers are parsed by Poco, never by the C locale.

// --- objects (for composing) ---
Poco::JSON::Object::Ptr toObject(const Ticket& ticket);
Poco::JSON::Object::Ptr toObject(const Queue& queue);
Poco::JSON::Object::Ptr toObject(const Transition& transition);
Poco::JSON::Object::Ptr toObject(const Card& card);

/// Parses `json` into an object; CodecError("", …) when it is not a single JSON object.
Poco::JSON::Object::Ptr parseObject(std::string_view json);
/// Serialises compactly.
std::string stringify(const Poco::JSON::Object::Ptr& object);

Ticket ticketFrom(const Poco::JSON::Object& object, const std::string& path = "");

// --- whole bodies ---
std::string encode(const Ticket& value);
std::string encode(const Queue& value);
std::string encode(const HealthResponse& value);
std::string encode(const ConfigResponse& value);
std::string encode(const QueuesResponse& value);
std::string encode(const TicketsResponse& value);
std::string encode(const ChangesResponse& value);
std::string encode(const CheckIn& value);
std::string encode(const CheckInResponse& value);
std::string encode(const Transition& value);
std::string encode(const TransitionResponse& value);
std::string encode(const ConflictResponse& value);
std::string encode(const NumberBlockRequest& value);
std::string encode(const NumberBlockResponse& value);
std::string encode(const LiveFrame& value);
std::string encode(const ErrorResponse& value);

Ticket decodeTicket(std::string_view json);
Queue decodeQueue(std::string_view json);
HealthResponse decodeHealthResponse(std::string_view json);
ConfigResponse decodeConfigResponse(std::string_view json);
QueuesResponse decodeQueuesResponse(std::string_view json);
TicketsResponse decodeTicketsResponse(std::string_view json);
ChangesResponse decodeChangesResponse(std::string_view json);
/// The check-in request. `ticket_id`, `queue_id`, `card_ref` are required; `checked_in_at` when
/// absent or null is `defaultTime` (the server's receive time); `number` may be absent or null.
CheckIn decodeCheckIn(std::string_view json, Timestamp defaultTime = {});
CheckInResponse decodeCheckInResponse(std::string_view json);
/// The transition request. `to` and `base_version` are required; `at` when absent or null is
/// `defaultTime`; `room` may be absent or null; `force` defaults to false.
Transition decodeTransition(std::string_view json, Timestamp defaultTime = {});
TransitionResponse decodeTransitionResponse(std::string_view json);
ConflictResponse decodeConflictResponse(std::string_view json);
NumberBlockRequest decodeNumberBlockRequest(std::string_view json);
NumberBlockResponse decodeNumberBlockResponse(std::string_view json);
LiveFrame decodeLiveFrame(std::string_view json);

// --- wire contract v1.1 (codec_desk.cpp) ---
std::string encode(const DeskCheckIn& value);
std::string encode(const CardResponse& value);
std::string encode(const CardRegistration& value);
std::string encode(const CardRegisteredResponse& value);
/// Writes only the members the edit carries (absent stays absent, null is null).
std::string encode(const TicketEdit& value);
std::string encode(const TicketResponse& value);
std::string encode(const HistoryResponse& value);
std::string encode(const StatsResponse& value);

/// `ticket_id` and `queue_id` are required; the rest may be null or absent (`checked_in_at`:
/// `defaultTime`; `priority`: normal). `note` ≤ 500 characters, `patient_id` ≤ 64.
DeskCheckIn decodeDeskCheckIn(std::string_view json, Timestamp defaultTime = {});
CardResponse decodeCardResponse(std::string_view json);
/// PUT replaces: an absent member is null.
CardRegistration decodeCardRegistration(std::string_view json);
CardRegisteredResponse decodeCardRegisteredResponse(std::string_view json);
/// `base_version` is required; `priority: null` and `queue_id: null` are errors.
TicketEdit decodeTicketEdit(std::string_view json);
TicketResponse decodeTicketResponse(std::string_view json);
HistoryResponse decodeHistoryResponse(std::string_view json);
StatsResponse decodeStatsResponse(std::string_view json);
ErrorResponse decodeErrorResponse(std::string_view json);

}  // namespace sanad::core::codec
