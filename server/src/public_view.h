#pragma once

#include "repository.h"
#include "sanad/core/ticket.h"
#include "sanad/core/time.h"

#include <string>
#include <string_view>
#include <vector>

namespace sanad::server::view {

/// What the patient's page and the waiting-room displays see (DESIGN.md, "Pages for patients and
/// waiting rooms"): numbers, queue names, rooms and times, never a name, card, note or patient
/// id. Pure functions, any thread.

/// The public body of a ticket without `server_time`: two bodies that are equal here show the
/// patient the same thing (the live feed sends only a body that differs).
std::string publicFields(const core::Ticket& ticket, const std::string& queueName);
/// `GET /api/public/tickets/{token}`'s body: the fields above and `server_time`.
std::string publicBody(const std::string& fields, core::Timestamp serverTime);
/// The live frame of the same: `{"type":"status",…the public body…}`.
std::string statusFrame(const std::string& fields, core::Timestamp serverTime);
/// `{"type":"unknown"}`: a well-formed token the server does not know (yet).
std::string unknownFrame();

/// One call as a display shows it: `{"number","queue","room","called_at","priority"}`.
std::string callJson(const repo::CallRow& call);
/// `{"calls":[…]}` (REST) and `{"type":"calls","calls":[…]}` (the display's first live frame).
std::string callsBody(const std::vector<repo::CallRow>& calls);
std::string callsFrame(const std::vector<repo::CallRow>& calls);
/// `{"type":"call",…one call…}`.
std::string callFrame(const repo::CallRow& call);

/// How many calls a display shows.
inline constexpr std::size_t kDisplayCalls = 5;

}  // namespace sanad::server::view
