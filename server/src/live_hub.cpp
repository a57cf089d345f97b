#include "sanad/server/live_hub.h"

#include "sanad/core/codec.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <iterator>

namespace sanad::server {

bool LiveHub::Client::take(std::deque<std::string>& into) {
    std::lock_guard lock(mutex_);
    std::move(frames_.begin(), frames_.end(), std::back_inserter(into));
    frames_.clear();
    return open_;
}

void LiveHub::Client::push(std::string frame) {
    bool dropped = false;
    {
        std::lock_guard lock(mutex_);
        if (!open_) {
            return;
        }
        frames_.push_back(std::move(frame));
        if (frames_.size() > kMaxQueuedFrames) {
            open_ = false;
            frames_.clear();
            dropped = true;
        }
    }
    if (dropped) {
        Poco::Logger::get("sanad.live").warning("live client fell behind and was dropped");
    }
    wake_();
}

void LiveHub::Client::close(std::uint16_t code, const char* reason) {
    {
        std::lock_guard lock(mutex_);
        open_ = false;
        frames_.clear();
        closing_.emplace(code, reason);
    }
    wake_();
}

std::optional<std::pair<std::uint16_t, const char*>> LiveHub::Client::closing() {
    std::lock_guard lock(mutex_);
    return closing_;
}

std::shared_ptr<LiveHub::Client> LiveHub::subscribe(std::int64_t& helloSeq,
                                                    std::function<void()> wake) {
    auto client = std::make_shared<Client>(std::move(wake));
    std::lock_guard lock(mutex_);
    helloSeq = seq_;
    client->afterSeq_ = seq_;
    client->open_ = !shutdown_;
    clients_.push_back(client);
    return client;
}

void LiveHub::unsubscribe(const std::shared_ptr<Client>& client) {
    std::lock_guard lock(mutex_);
    clients_.erase(std::remove(clients_.begin(), clients_.end(), client), clients_.end());
}

void LiveHub::publish(const std::vector<core::Change>& changes) {
    std::vector<std::pair<std::int64_t, std::string>> frames;
    frames.reserve(changes.size());
    for (const core::Change& change : changes) {
        frames.emplace_back(
            change.seq, core::codec::encode(core::LiveFrame{core::LiveFrameType::Change, change.seq,
                                                            change.ticket}));
    }
    std::vector<std::shared_ptr<Client>> clients;
    {
        std::lock_guard lock(mutex_);
        if (!changes.empty()) {
            seq_ = std::max(seq_, changes.back().seq);
        }
        clients = clients_;
    }
    for (const auto& client : clients) {
        bool dropped = false;
        bool queued = false;
        {
            std::lock_guard lock(client->mutex_);
            for (const auto& [seq, frame] : frames) {
                if (seq > client->afterSeq_) {
                    client->frames_.push_back(frame);
                    queued = true;
                }
            }
            if (client->frames_.size() > kMaxQueuedFrames && client->open_) {
                client->open_ = false;
                client->frames_.clear();
                dropped = true;
            }
        }
        if ((queued || dropped) && client->wake_) {
            client->wake_();
        }
        if (dropped) {
            Poco::Logger::get("sanad.live").warning("live client fell behind and was dropped");
        }
    }
}

void LiveHub::shutdown() {
    std::vector<std::shared_ptr<Client>> clients;
    {
        std::lock_guard lock(mutex_);
        shutdown_ = true;
        clients = clients_;
    }
    for (const auto& client : clients) {
        {
            std::lock_guard lock(client->mutex_);
            client->open_ = false;
        }
        if (client->wake_) {
            client->wake_();
        }
    }
}

}  // namespace sanad::server
