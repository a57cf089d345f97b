#include "temp_dir.h"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/UUIDGenerator.h>

namespace sanad::test {

TempDir::TempDir() {
    // A fresh folder every time: a pid-based name can meet a folder that a killed test run left
    // behind under the same (reused) pid.
    for (;;) {
        path_ = Poco::Path::temp() + "sanad-test-" +
                Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
        if (Poco::File(path_).createDirectory()) {
            return;
        }
    }
}

TempDir::~TempDir() {
    try {
        Poco::File(path_).remove(true);
    } catch (...) {
        // best effort: a leftover temp folder is no test failure
    }
}

}  // namespace sanad::test
