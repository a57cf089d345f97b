#include "router.h"

#include <algorithm>

namespace sanad::server {
namespace {

bool isParameter(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

/// The path parameters when `segments` fit `pattern`, else false.
bool fits(const std::vector<std::string>& pattern, const std::vector<std::string>& segments,
          PathParams& params) {
    if (pattern.size() != segments.size()) {
        return false;
    }
    PathParams found;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (isParameter(pattern[i])) {
            found.emplace_back(pattern[i].substr(1, pattern[i].size() - 2), segments[i]);
        } else if (pattern[i] != segments[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

bool takes(const Route& route, std::string_view method) {
    return route.method == method || (route.method == "GET" && method == "HEAD");
}

}  // namespace

std::vector<std::string> Router::split(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) {
            end = path.size();
        }
        if (end > start) {
            parts.emplace_back(path.substr(start, end - start));
        }
        start = end + 1;
    }
    return parts;
}

void Router::add(Route route) {
    std::vector<std::string> segments = split(route.pattern);
    entries_.push_back({std::move(route), std::move(segments)});
}

Router::Match Router::match(std::string_view method,
                            const std::vector<std::string>& segments) const {
    Match match;
    bool anyDevice = false;
    for (const Entry& entry : entries_) {
        PathParams params;
        if (!fits(entry.segments, segments, params)) {
            continue;
        }
        anyDevice = anyDevice || entry.route.access != Access::Public;
        if (std::find(match.allowed.begin(), match.allowed.end(), entry.route.method) ==
            match.allowed.end()) {
            match.allowed.push_back(entry.route.method);
        }
        if (match.route == nullptr && takes(entry.route, method)) {
            match.route = &entry.route;
            match.params = std::move(params);
        }
    }
    match.publicPath = !match.allowed.empty() && !anyDevice;
    return match;
}

}  // namespace sanad::server
