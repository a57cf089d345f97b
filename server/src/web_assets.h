#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace sanad::server {

/// One file of assets/web, built into the server (server/embed_web.cmake at build time).
struct WebAsset {
    std::string_view name;  // relative to assets/web, '/' between folders
    std::string_view data;
};

/// Every file of assets/web, sorted by name. Static data: any thread.
const std::vector<WebAsset>& webAssets();

/// The file of that name, or none.
std::optional<WebAsset> findWebAsset(std::string_view name);

/// The Content-Type of a file by its extension (application/octet-stream for one we do not know).
std::string_view webContentType(std::string_view name);

}  // namespace sanad::server
