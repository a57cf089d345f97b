#include "pcsc_platform.h"
#include "sanad/core/card_reader.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace sanad::core {
namespace {

using pcsc::Dword;
using pcsc::Long;

constexpr Dword kWaitMs = 500;

class PcscCardReader final : public CardReader {
public:
    PcscCardReader(CardRefMaker cardRef, CardReaderListener* listener, PcscOptions options)
        : cardRef_(std::move(cardRef)), listener_(listener), options_(options) {}

    ~PcscCardReader() override { stop(); }

    void start() override {
        stop_ = false;
        thread_ = std::thread([this] {
            try {
                run();
            } catch (const std::exception& e) {  // no exception leaves the thread
                setState(
                    {ReaderStatus::Error, "", std::string("card reader stopped: ") + e.what()});
            }
            release();
        });
    }

    void stop() override {
        stop_ = true;
        {
            std::lock_guard lock(mutex_);
            if (hasContext_) {
                SCardCancel(context_);  // wakes SCardGetStatusChange at once
            }
        }
        wake_.notify_all();
        if (thread_.joinable()) {
            thread_.join();
        }
    }

    std::vector<std::string> readers() const override {
        std::lock_guard lock(mutex_);
        return names_;
    }

private:
    struct Slot {
        Dword state = SCARD_STATE_UNAWARE;
        bool seen = false;  // the first report of a reader is its state at start: no tap
    };

    void run() {
        auto backoff = options_.firstRetry;
        Dword pnpState = SCARD_STATE_UNAWARE;
        while (!stop_) {
            if (!establish()) {
                backoff = waitAndGrow(backoff);
                continue;
            }
            Long rv = SCARD_S_SUCCESS;
            const std::vector<std::string> names = listReaders(rv);
            if (pcsc::serviceGone(rv)) {
                lost(rv);
                backoff = waitAndGrow(backoff);
                continue;
            }
            backoff = options_.firstRetry;
            updateReaders(names);

            std::vector<pcsc::ReaderState> states(names.size() + 1);
            for (std::size_t i = 0; i < names.size(); ++i) {
                states[i].szReader = names[i].c_str();
                states[i].dwCurrentState = slots_[names[i]].state;
            }
            states.back().szReader = pcsc::kPnpNotification;
            states.back().dwCurrentState = pnpState;

            if (stop_) {
                break;
            }
            // SCardCancel from stop() wakes this at once; the timeout bounds the case where the
            // cancel lands just before the call, and re-lists the readers now and then.
            rv = pcsc::getStatusChange(context_, kWaitMs, states.data(),
                                       static_cast<Dword>(states.size()));
            if (stop_) {
                break;
            }
            if (rv == static_cast<Long>(SCARD_E_TIMEOUT) ||
                rv == static_cast<Long>(SCARD_E_UNKNOWN_READER)) {
                continue;  // look at the reader list again
            }
            if (pcsc::serviceGone(rv) || rv == static_cast<Long>(SCARD_E_CANCELLED)) {
                lost(rv);
                backoff = waitAndGrow(options_.firstRetry);
                continue;
            }
            if (rv != SCARD_S_SUCCESS) {
                setState({ReaderStatus::Error, "", pcsc::errorText(rv)});
                backoff = waitAndGrow(backoff);
                continue;
            }
            pnpState = states.back().dwEventState & ~static_cast<Dword>(SCARD_STATE_CHANGED);
            for (std::size_t i = 0; i < names.size(); ++i) {
                handle(names[i], states[i].dwEventState);
            }
            publishState(names);
        }
    }

    void handle(const std::string& reader, Dword event) {
        Slot& slot = slots_[reader];
        if (!(event & SCARD_STATE_CHANGED) && slot.seen) {
            return;
        }
        const Dword previous = slot.state;
        const bool first = !slot.seen;
        // Pass the event state back next time, counter included, minus the CHANGED flag: a quick
        // remove-and-reinsert between two calls then still shows as a new counter.
        slot.state = event & ~static_cast<Dword>(SCARD_STATE_CHANGED);
        slot.seen = true;
        const bool present = (event & SCARD_STATE_PRESENT) && !(event & SCARD_STATE_MUTE);
        const bool wasPresent = (previous & SCARD_STATE_PRESENT) != 0;
        const bool newPresence =
            !wasPresent || pcsc::eventCounter(event) != pcsc::eventCounter(previous);
        if (first || !present || !newPresence) {
            return;
        }
        const auto uid = readUid(reader);
        if (!uid) {
            return;  // torn away mid-read, or not a card that answers GET DATA: no tap
        }
        const std::string ref = cardRef_(*uid);
        const auto now = std::chrono::steady_clock::now();
        // Drop remembered taps once their debounce has passed.
        std::erase_if(recent_,
                      [&](const auto& item) { return now - item.second >= options_.debounce; });
        if (recent_.contains(ref)) {
            return;  // the same card again within the debounce time: the same tap
        }
        recent_[ref] = now;
        if (listener_) {
            listener_->cardTapped(reader, ref);
        }
    }

    std::optional<std::vector<std::uint8_t>> readUid(const std::string& reader) {
        SCARDHANDLE card = 0;
        Dword protocol = 0;
        Long rv = pcsc::connect(context_, reader.c_str(), &card, &protocol);
        if (rv != SCARD_S_SUCCESS) {
            return std::nullopt;  // gone already, or not a card we can talk to
        }
        const unsigned char getUid[] = {0xFF, 0xCA, 0x00, 0x00, 0x00};
        unsigned char response[258] = {};
        Dword length = sizeof response;
        rv = SCardTransmit(card, protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1,
                           getUid, sizeof getUid, nullptr, response, &length);
        SCardDisconnect(card, SCARD_LEAVE_CARD);
        // A card torn away mid-transmit: an error, or success with nothing: check everything.
        if (rv != SCARD_S_SUCCESS || length < 2 + 4 || response[length - 2] != 0x90 ||
            response[length - 1] != 0x00) {
            return std::nullopt;
        }
        return std::vector<std::uint8_t>(response, response + length - 2);
    }

    std::vector<std::string> listReaders(Long& rv) {
        Dword size = 0;
        rv = pcsc::listReaders(context_, nullptr, &size);
        if (rv == static_cast<Long>(SCARD_E_NO_READERS_AVAILABLE) || size == 0) {
            rv = SCARD_S_SUCCESS;
            return {};
        }
        if (rv != SCARD_S_SUCCESS) {
            return {};
        }
        std::string buffer(size, '\0');
        rv = pcsc::listReaders(context_, buffer.data(), &size);
        if (rv == static_cast<Long>(SCARD_E_NO_READERS_AVAILABLE)) {
            rv = SCARD_S_SUCCESS;
            return {};
        }
        std::vector<std::string> names;
        for (std::size_t pos = 0; pos < buffer.size() && buffer[pos] != '\0';) {
            const std::string name(buffer.c_str() + pos);
            names.push_back(name);
            pos += name.size() + 1;
        }
        return names;
    }

    void updateReaders(const std::vector<std::string>& names) {
        std::vector<std::string> added, removed;
        {
            std::lock_guard lock(mutex_);
            for (const std::string& n : names) {
                if (std::find(names_.begin(), names_.end(), n) == names_.end())
                    added.push_back(n);
            }
            for (const std::string& n : names_) {
                if (std::find(names.begin(), names.end(), n) == names.end())
                    removed.push_back(n);
            }
            names_ = names;
        }
        for (const std::string& n : removed) {
            slots_.erase(n);
            if (listener_)
                listener_->readerRemoved(n);
        }
        for (const std::string& n : added) {
            if (listener_)
                listener_->readerAdded(n);
        }
        if (names.empty()) {
            setState({ReaderStatus::NoReader, "", ""});
        }
    }

    void publishState(const std::vector<std::string>& names) {
        if (names.empty()) {
            setState({ReaderStatus::NoReader, "", ""});
            return;
        }
        for (const std::string& n : names) {
            if (slots_[n].state & SCARD_STATE_PRESENT) {
                setState({ReaderStatus::CardPresent, n, ""});
                return;
            }
        }
        setState({ReaderStatus::Ready, names.front(), ""});
    }

    void setState(const ReaderState& state) {
        if (state == state_) {
            return;
        }
        state_ = state;
        if (listener_) {
            listener_->readerStateChanged(state);
        }
    }

    bool establish() {
        if (hasContext_) {
            return true;
        }
        SCARDCONTEXT context = 0;
        const Long rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context);
        if (rv != SCARD_S_SUCCESS) {
            setState({ReaderStatus::Error, "",
                      "the smart card service is not available (" + pcsc::errorText(rv) + ")"});
            return false;
        }
        std::lock_guard lock(mutex_);
        context_ = context;
        hasContext_ = true;
        return true;
    }

    // The service went away: a context that saw it never works again, even when the service
    // is back, so it is released and a new one made.
    void lost(Long rv) {
        if (!stop_) {
            setState({ReaderStatus::Error, "",
                      "the smart card service stopped (" + pcsc::errorText(rv) + ")"});
        }
        release();
        std::vector<std::string> gone;
        {
            std::lock_guard lock(mutex_);
            gone.swap(names_);
        }
        slots_.clear();
        for (const std::string& n : gone) {
            if (listener_)
                listener_->readerRemoved(n);
        }
    }

    void release() {
        std::lock_guard lock(mutex_);
        if (hasContext_) {
            SCardReleaseContext(context_);
            hasContext_ = false;
        }
    }

    std::chrono::milliseconds waitAndGrow(std::chrono::milliseconds delay) {
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, delay, [this] { return stop_.load(); });
        return std::min(delay * 2, std::chrono::milliseconds(2000));
    }

    CardRefMaker cardRef_;
    CardReaderListener* listener_;
    PcscOptions options_;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;  // guards context_/hasContext_ (for SCardCancel) and names_
    std::condition_variable wake_;
    SCARDCONTEXT context_ = 0;
    bool hasContext_ = false;
    std::vector<std::string> names_;
    // The reader thread's own state:
    std::map<std::string, Slot> slots_;
    std::map<std::string, std::chrono::steady_clock::time_point> recent_;  // card_ref -> tap time
    ReaderState state_{ReaderStatus::Error, "", "not started"};
    std::thread thread_;
};

}  // namespace

std::unique_ptr<CardReader> makePcscCardReader(CardRefMaker cardRef, CardReaderListener* listener,
                                               PcscOptions options) {
    return std::make_unique<PcscCardReader>(std::move(cardRef), listener, options);
}

SimulatedCardReader::SimulatedCardReader(CardRefMaker cardRef, CardReaderListener* listener,
                                         std::string name)
    : cardRef_(std::move(cardRef)), listener_(listener), name_(std::move(name)) {}

void SimulatedCardReader::start() {
    running_ = true;
    if (listener_) {
        listener_->readerAdded(name_);
        listener_->readerStateChanged({ReaderStatus::Ready, name_, ""});
    }
}

void SimulatedCardReader::stop() {
    running_ = false;
}

void SimulatedCardReader::tap(std::span<const std::uint8_t> uid) {
    if (running_ && listener_) {
        listener_->cardTapped(name_, cardRef_(uid));
    }
}

}  // namespace sanad::core
