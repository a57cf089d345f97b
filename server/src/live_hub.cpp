#include "sanad/server/live_hub.h"

#include "sanad/core/codec.h"

#include <Poco/Logger.h>

#include <algorithm>

namespace sanad::server {

std::vector<std::string> LiveHub::Client::take(std::chrono::milliseconds timeout, bool& open) {
    std::unique_lock lock(mutex_);
    ready_.wait_for(lock, timeout, [this] { return !frames_.empty() || !open_; });
    std::vector<std::string> out(std::make_move_iterator(frames_.begin()),
                                 std::make_move_iterator(frames_.end()));
    frames_.clear();
    open = open_;
    return out;
}

std::shared_ptr<LiveHub::Client> LiveHub::subscribe(std::int64_t& helloSeq) {
    auto client = std::make_shared<Client>();
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
        {
            std::lock_guard lock(client->mutex_);
            for (const auto& [seq, frame] : frames) {
                if (seq > client->afterSeq_) {
                    client->frames_.push_back(frame);
                }
            }
            if (client->frames_.size() > kMaxQueuedFrames && client->open_) {
                client->open_ = false;
                client->frames_.clear();
                dropped = true;
            }
        }
        client->ready_.notify_all();
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
        client->ready_.notify_all();
    }
}

}  // namespace sanad::server
