// First-start data: the practice key, the default queue, the demo data.
#include "repository.h"
#include "sanad/core/crypto.h"
#include "sanad/core/demo_cards.h"
#include "sanad/core/error.h"
#include "sanad/core/numbering.h"
#include "sanad/core/uuid.h"
#include "sanad/server/api.h"
#include "sanad/server/database.h"
#include "sanad/server/writer.h"

#include <Poco/Data/Session.h>

namespace sanad::server {
namespace {

using namespace Poco::Data::Keywords;
using namespace std::chrono_literals;

constexpr const char* kDemoSeeded = "demo_seeded";

}  // namespace

std::string ensurePracticeKey(const Database& database) {
    Poco::Data::Session session = database.openSession();
    return repo::practiceKey(session);
}

void seedInitialData(const Database& database, Writer& writer, bool demo) {
    const std::string practiceKey = ensurePracticeKey(database);
    writer.run([&](WriteContext& context) {
        auto& session = context.session;
        const std::string day = core::localDay(context.now);
        repo::insertDefaultQueueIfNone(session);
        if (!demo || repo::meta(session, kDemoSeeded)) {
            return;
        }
        if (!repo::findQueue(session, "lab")) {
            repo::insertQueue(session, {"lab", "Labor", "B", 0}, 1);
        }
        const core::Bytes key = *core::fromHex(practiceKey);
        for (const core::DemoCard& card : core::demoCards()) {
            repo::putKnownCard(session, core::cardRef(key, *core::fromHex(card.uidHex)), card.name);
        }
        // A few patients already waiting, checked in by a second desk a while ago.
        struct Seed {
            const char* queueId;
            const char* code;
            std::size_t card;  // index into demoCards, or npos for an unknown card
            std::chrono::minutes ago;
        };
        const Seed seeds[] = {{"general", "A", 0, 42min},
                              {"general", "A", std::string::npos, 31min},
                              {"general", "A", 1, 18min},
                              {"lab", "B", 2, 12min}};
        for (const Seed& seed : seeds) {
            core::Ticket t;
            t.id = core::newUuidV4();
            t.queueId = seed.queueId;
            t.number = core::formatTicketNumber(
                seed.code, repo::reserveCounter(session, seed.queueId, day, 1));
            t.status = core::TicketStatus::Waiting;
            if (seed.card != std::string::npos) {
                const core::DemoCard& card = core::demoCards()[seed.card];
                t.cardRef = core::cardRef(key, *core::fromHex(card.uidHex));
                t.patient = card.name;
            } else {
                t.cardRef = core::toHex(core::randomBytes(32));
            }
            t.deviceId = "Demo-Empfang";
            t.checkedInAt = context.now - seed.ago;
            t.createdAt = t.checkedInAt;
            t.updatedAt = t.checkedInAt;
            context.recordChange(context.insertWaiting(std::move(t), day));
        }
        repo::setMeta(session, kDemoSeeded, core::formatTimestamp(context.now));
    });
}

}  // namespace sanad::server
