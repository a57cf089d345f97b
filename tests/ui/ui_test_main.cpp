// GoogleTest main for the wx tier (TESTING-UI.md): test discovery runs without a display; a real
// run gets an X server (DISPLAY, or a private Xvfb started here with -noreset), a wx app without
// the command-line parser, image handlers, and wx asserts turned into test failures.
#include "sanad/ui/i18n.h"

#include <gtest/gtest.h>

#include <wx/app.h>
#include <wx/image.h>
#include <wx/init.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

namespace {

class TestApp : public wxApp {
public:
    bool OnInit() override { return true; }  // no wxApp command-line parsing
};

pid_t startXvfb() {
    if (const char* display = std::getenv("DISPLAY"); display && *display) {
        return -1;  // use the one we were given (xvfb-run, a developer's desktop)
    }
    // Xvfb picks a free display itself and writes its number to the pipe (-displayfd).
    int fds[2];
    if (::pipe(fds) != 0) {
        return -1;
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        const std::string fd = std::to_string(fds[1]);
        ::execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", "1920x1080x24",
                 "-noreset", "-nolisten", "tcp", nullptr);
        ::_exit(127);
    }
    ::close(fds[1]);
    std::string number;
    char c = 0;
    while (::read(fds[0], &c, 1) == 1 && c != '\n') {
        number.push_back(c);
    }
    ::close(fds[0]);
    if (number.empty()) {
        std::fprintf(stderr, "Xvfb did not start: install it (scripts/setup-debian.sh)\n");
        return -1;
    }
    const std::string name = ":" + number;
    ::setenv("DISPLAY", name.c_str(), 1);
    return pid;
}

void failOnWxAssert(const wxString& file, int line, const wxString& func, const wxString& cond,
                    const wxString& msg) {
    ADD_FAILURE() << "wx assert " << cond << " in " << func << " at " << file << ":" << line << ": "
                  << msg;
}

}  // namespace

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    if (::testing::GTEST_FLAG(list_tests)) {
        return RUN_ALL_TESTS();  // discovery at build time: no display, no wx
    }
    ::setenv("GDK_BACKEND", "x11", 1);
    ::setenv("NO_AT_BRIDGE", "1", 1);
    ::setenv("SANAD_UI_ARTIFACTS", SANAD_UI_ARTIFACTS, 0);  // screenshots, kept by CI
    const pid_t xvfb = startXvfb();
    wxApp::SetInstance(new TestApp);
    if (!wxEntryStart(argc, argv) || !wxTheApp->CallOnInit()) {
        std::fprintf(stderr, "wx could not start (DISPLAY=%s)\n", std::getenv("DISPLAY"));
        return 1;
    }
    wxInitAllImageHandlers();
    // German, the console's primary language: the tests read what a receptionist reads.
    if (!sanad::ui::installTranslations(wxLANGUAGE_GERMAN)) {
        std::fprintf(stderr, "the German catalog was not found (build sanad_translations)\n");
        return 1;
    }
    wxSetAssertHandler(failOnWxAssert);
    const int rc = RUN_ALL_TESTS();
    wxTheApp->OnExit();
    wxEntryCleanup();
    if (xvfb > 0) {
        ::kill(xvfb, SIGTERM);
        ::waitpid(xvfb, nullptr, 0);
    }
    return rc;
}
