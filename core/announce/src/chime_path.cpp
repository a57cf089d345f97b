#include "sanad/core/announcer.h"

#include <filesystem>
#include <system_error>
#include <vector>

#ifdef _WIN32
#include <windows.h>
#endif

namespace sanad::core {

namespace {

// UTF-8 on every system (a path's string() is the ANSI code page on Windows).
std::string utf8(const std::filesystem::path& path) {
    const std::u8string text = path.lexically_normal().u8string();
    return {text.begin(), text.end()};
}

std::filesystem::path executableFolder() {
#ifdef _WIN32
    std::wstring buffer(MAX_PATH, L'\0');
    for (;;) {
        const DWORD n =
            GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
        if (n == 0) {
            return {};
        }
        if (n < buffer.size()) {
            buffer.resize(n);
            break;
        }
        buffer.resize(buffer.size() * 2);
    }
    return std::filesystem::path(buffer).parent_path();
#else
    std::error_code error;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::filesystem::path() : exe.parent_path();
#endif
}

}  // namespace

std::string defaultChimePath() {
    std::vector<std::filesystem::path> candidates;
    const std::filesystem::path folder = executableFolder();
    if (!folder.empty()) {
        candidates.push_back(folder / "sounds" / "chime.wav");
        candidates.push_back(folder / ".." / "share" / "sounds" / "chime.wav");
    }
    candidates.emplace_back(SANAD_SOURCE_CHIME);
    for (const auto& candidate : candidates) {
        std::error_code error;
        if (std::filesystem::is_regular_file(candidate, error)) {
            return utf8(candidate);
        }
    }
    return utf8(candidates.front());
}

}  // namespace sanad::core
