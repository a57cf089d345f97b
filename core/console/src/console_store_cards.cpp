// ConsoleStore: the cards this desk knows (schema v3).
#include "sanad/core/codec.h"
#include "sanad/core/console_store.h"

#include <Poco/Data/Session.h>

namespace sanad::core {

using namespace Poco::Data::Keywords;
// Poco's "run it now" manipulator; named apart from sanad::core::now(), the clock.
static constexpr auto exec = &Poco::Data::Keywords::now;

void ConsoleStore::putCard(const Card& card) {
    std::string ref = card.cardRef, json = codec::encode(CardResponse{card});
    *session_ << "INSERT OR REPLACE INTO cards (card_ref, card) VALUES (?, ?)", use(ref), use(json),
        exec;
}

std::optional<Card> ConsoleStore::card(const std::string& cardRef) {
    std::string ref = cardRef;
    std::vector<std::string> json;
    *session_ << "SELECT card FROM cards WHERE card_ref = ?", use(ref), into(json), exec;
    if (json.empty()) {
        return std::nullopt;
    }
    return codec::decodeCardResponse(json.front()).card;
}

void ConsoleStore::removeCard(const std::string& cardRef) {
    std::string ref = cardRef;
    *session_ << "DELETE FROM cards WHERE card_ref = ?", use(ref), exec;
}

}  // namespace sanad::core
