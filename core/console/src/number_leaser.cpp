#include "number_leaser.h"

#include "sanad/core/codec.h"
#include "sanad/core/numbering.h"
#include "sanad/core/uuid.h"

#include <Poco/Logger.h>
#include <Poco/NumberParser.h>

namespace sanad::core {

NumberLeaser::Taken NumberLeaser::take(const std::string& queueId, const std::string& day) {
    ConsoleStore& store = context_.store;
    if (auto leased = store.takeLeasedNumber(queueId, day)) {
        return Taken{*leased, leased};
    }
    std::string code = "?";
    for (const Queue& q : store.queues()) {
        if (q.id == queueId) {
            code = q.code;
        }
    }
    const std::int64_t n =
        Poco::NumberParser::parse64(store.meta(kMetaProvisional).value_or("0")) + 1;
    store.setMeta(kMetaProvisional, std::to_string(n));
    return Taken{provisionalNumber(code, n), std::nullopt};
}

void NumberLeaser::topUp() {
    const ConsoleSettings& settings = context_.settings;
    const std::string day = localDay(context_.now());
    if (context_.store.leasedNumbersLeft(settings.queueId, day) >=
        settings.numberBlockRefillBelow) {
        return;
    }
    const HttpOutcome out = context_.transport->post(
        "/api/number-blocks",
        codec::encode(NumberBlockRequest{settings.queueId, settings.numberBlockSize}), newUuidV4());
    if (out.outcome != OutcomeClass::Success) {
        return;
    }
    try {
        const NumberBlockResponse block = codec::decodeNumberBlockResponse(out.body);
        context_.store.putNumberBlock(NumberBlock{block.queueId, day, block.numbers});
    } catch (const CodecError& e) {
        consoleLogger().warning("number block answer not understood: %s", e.displayText());
    }
}

}  // namespace sanad::core
