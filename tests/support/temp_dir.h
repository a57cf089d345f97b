#pragma once

#include <string>

namespace sanad::test {

/// A temporary folder, removed with everything in it when the object goes. Portable (Poco): the
/// store tier uses it under wine too.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace sanad::test
