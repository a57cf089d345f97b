// sanad-reception: the reception console (wxWidgets).
//   sanad-reception [--demo] [--server URL] [--token T] [--data DIR] [--ca-file F] [--queue ID]
//                   [--room R] [--lang de|en] [--config FILE] [--no-reader]
// Settings come from the user's INI file (the settings dialog writes it); options win.
#include <Poco/Net/Net.h>  // before any wx header (winsock2 before windows.h)

#include "sanad/core/demo_cards.h"
#include "sanad/ui/console_config.h"
#include "sanad/ui/demo_server.h"
#include "sanad/ui/i18n.h"
#include "sanad/ui/main_frame.h"
#include "sanad/ui/settings_dialog.h"
#include "sanad/ui/texts.h"
#include "sanad/ui/translate.h"

#include "sanad/core/crypto.h"

#include <Poco/AutoPtr.h>
#include <Poco/File.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/PatternFormatter.h>

#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/msgdlg.h>
#include <wx/msgout.h>
#include <wx/stdpaths.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>

namespace {

using namespace sanad;

const auto kProcessStart = std::chrono::steady_clock::now();

void setUpLogging(const std::string& folder) {
    try {
        Poco::File(folder).createDirectories();
        Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel);
        file->setProperty(
            "path",
            Poco::Path(folder).makeDirectory().setFileName("sanad-reception.log").toString());
        file->setProperty("rotation", "1 M");
        file->setProperty("archive", "number");
        file->setProperty("purgeCount", "5");
        Poco::AutoPtr<Poco::PatternFormatter> pattern(
            new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S.%i %p %s: %t"));
        pattern->setProperty("times", "local");
        Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(pattern, file));
        Poco::Logger::root().setChannel(channel);
        Poco::Logger::root().setLevel(Poco::Message::PRIO_INFORMATION);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sanad-reception: no log file in %s: %s\n", folder.c_str(), e.what());
    }
}

class ReceptionApp : public wxApp {
public:
    void OnInitCmdLine(wxCmdLineParser& parser) override {
        static const wxCmdLineEntryDesc options[] = {
            {wxCMD_LINE_SWITCH, nullptr, "demo", "run with a local demo server and demo data",
             wxCMD_LINE_VAL_NONE, 0},
            {wxCMD_LINE_OPTION, nullptr, "server", "server URL (http:// or https://)",
             wxCMD_LINE_VAL_STRING, 0},
            {wxCMD_LINE_OPTION, nullptr, "token", "device token", wxCMD_LINE_VAL_STRING, 0},
            {wxCMD_LINE_OPTION, nullptr, "data", "folder of this desk's data (console.db)",
             wxCMD_LINE_VAL_STRING, 0},
            {wxCMD_LINE_OPTION, nullptr, "ca-file", "CA certificate (PEM) to trust",
             wxCMD_LINE_VAL_STRING, 0},
            {wxCMD_LINE_OPTION, nullptr, "queue", "queue id", wxCMD_LINE_VAL_STRING, 0},
            {wxCMD_LINE_OPTION, nullptr, "room", "room patients are called to",
             wxCMD_LINE_VAL_STRING, 0},
            {wxCMD_LINE_OPTION, nullptr, "lang", "language: de or en", wxCMD_LINE_VAL_STRING, 0},
            {wxCMD_LINE_OPTION, nullptr, "config", "settings file", wxCMD_LINE_VAL_STRING, 0},
            {wxCMD_LINE_SWITCH, nullptr, "no-reader", "do not watch PC/SC card readers",
             wxCMD_LINE_VAL_NONE, 0},
            {wxCMD_LINE_SWITCH, nullptr, "exit-after-paint",
             "print the time to the first paint of the queue and exit (benchmarks)",
             wxCMD_LINE_VAL_NONE, 0},
            {wxCMD_LINE_SWITCH, "h", "help", "show this help", wxCMD_LINE_VAL_NONE,
             wxCMD_LINE_OPTION_HELP},
            {wxCMD_LINE_NONE, nullptr, nullptr, nullptr, wxCMD_LINE_VAL_NONE, 0}};
        parser.SetDesc(options);
        parser.SetSwitchChars("-");
    }

    bool OnCmdLineParsed(wxCmdLineParser& parser) override {
        auto option = [&](const char* name, std::string& out) {
            wxString value;
            if (parser.Found(name, &value)) {
                out = ui::toUtf8(value);
                return true;
            }
            return false;
        };
        std::string configPath = ui::ConsoleConfig::defaultPath();
        option("config", configPath);
        options_.configPath = configPath;
        options_.config = ui::ConsoleConfig::load(configPath);
        option("server", options_.config.serverUrl);
        option("token", options_.config.token);
        option("data", options_.config.dataDir);
        option("ca-file", options_.config.caFile);
        option("queue", options_.config.queueId);
        option("room", options_.config.room);
        std::string lang;
        if (option("lang", lang)) {
            if (lang != "de" && lang != "en") {
                wxMessageOutput::Get()->Printf("sanad-reception: --lang is de or en\n");
                return false;
            }
            options_.config.language = lang;
        }
        options_.demo = parser.Found("demo");
        options_.pcscReader = !parser.Found("no-reader");
        exitAfterPaint_ = parser.Found("exit-after-paint");
        return true;
    }

    bool OnInit() override {
        Poco::Net::initializeNetwork();  // Windows: Winsock (a no-op elsewhere)
        SetAppName("sanad");
        SetAppDisplayName("Sanad Reception");
#ifndef __WXMSW__
        wxStandardPaths::Get().SetFileLayout(wxStandardPaths::FileLayout_XDG);
#endif
        if (!wxApp::OnInit()) {  // the command line
            return false;
        }
        setUpLogging(ui::ConsoleConfig::defaultLogDir());
        ui::installTranslations(ui::chooseLanguage(options_.config.language));
        wxInitAllImageHandlers();

        if (options_.demo) {
            try {
                demo_ = std::make_unique<ui::DemoServer>();
            } catch (const std::exception& e) {
                wxMessageBox(wxString::Format(_("The demo server could not be started: %s"),
                                              ui::fromUtf8(e.what())),
                             _("Sanad Reception"), wxOK | wxICON_ERROR);
                return false;
            }
            options_.config.serverUrl = demo_->url();
            options_.config.token = demo_->token();
            options_.config.dataDir = demo_->consoleDataDir();
            options_.config.queueId = "general";
            options_.config.room = ui::toUtf8(_("Room 1"));
            options_.config.deskName = ui::toUtf8(_("Reception 1"));
            options_.configPath.clear();  // the demo never touches the user's settings
            // The demo server's known cards first (core/demo_cards.h), then unknown ones.
            for (const core::DemoCard& card : core::demoCards()) {
                options_.simulatedCards.push_back(*core::fromHex(card.uidHex));
            }
        } else if (options_.config.serverUrl.empty() || options_.config.token.empty()) {
            // First start on this PC: ask for the server and the device token.
            ui::SettingsDialog first(nullptr, options_.config, {});
            if (first.ShowModal() != wxID_OK) {
                return false;
            }
            options_.config = first.config();
            std::string error;
            if (!options_.config.save(options_.configPath, error)) {
                wxMessageBox(ui::fromUtf8(error), _("Settings"), wxOK | wxICON_ERROR);
            }
        }
        Poco::Logger::get("sanad.ui")
            .information("console starting (demo: %s)", std::string(options_.demo ? "yes" : "no"));

        auto* frame = new ui::MainFrame(options_);
#ifndef __WXMSW__
        // A terminated console closes like a closed window: the demo server stops, the outbox is
        // already on disk.
        for (int signal : {SIGTERM, SIGINT, SIGHUP}) {
            SetSignalHandler(signal, [](int) {
                if (wxWindow* top = wxTheApp->GetTopWindow()) {
                    top->Close(true);
                } else {
                    wxTheApp->ExitMainLoop();
                }
            });
        }
#endif
        if (exitAfterPaint_) {
            // The list is a native GTK widget (no wxEVT_PAINT): its parent panel paints with it.
            frame->list()->GetParent()->Bind(wxEVT_PAINT, [frame](wxPaintEvent& e) {
                e.Skip();
                static bool reported = false;
                if (!reported) {
                    reported = true;
                    const auto ms = std::chrono::duration<double, std::milli>(
                                        std::chrono::steady_clock::now() - kProcessStart)
                                        .count();
                    std::printf("first-paint-ms %.1f\n", ms);
                    std::fflush(stdout);
                    frame->CallAfter([frame]() { frame->Close(); });
                }
            });
        }
        frame->Show();
        return true;
    }

    int OnExit() override {
        demo_.reset();  // closing the console stops its demo server
        return wxApp::OnExit();
    }

private:
    ui::ConsoleOptions options_;
    std::unique_ptr<ui::DemoServer> demo_;
    bool exitAfterPaint_ = false;
};

}  // namespace

wxIMPLEMENT_APP(ReceptionApp);
