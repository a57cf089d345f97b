#include "web_assets.h"

#include <algorithm>
#include <array>
#include <utility>

namespace sanad::server {

std::optional<WebAsset> findWebAsset(std::string_view name) {
    const std::vector<WebAsset>& assets = webAssets();
    const auto it = std::find_if(assets.begin(), assets.end(),
                                 [&](const WebAsset& asset) { return asset.name == name; });
    if (it == assets.end()) {
        return std::nullopt;
    }
    return *it;
}

std::string_view webContentType(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kTypes{{
        {".html", "text/html; charset=utf-8"},
        {".js", "application/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".wav", "audio/wav"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".json", "application/json"},
        {".webmanifest", "application/manifest+json"},
        {".ico", "image/x-icon"},
    }};
    for (const auto& [extension, type] : kTypes) {
        if (name.size() > extension.size() && name.ends_with(extension)) {
            return type;
        }
    }
    return "application/octet-stream";
}

}  // namespace sanad::server
