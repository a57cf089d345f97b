// The queue list's model and the console's words, without a window (the wx app of the ui main).
#include "sanad/ui/queue_model.h"
#include "sanad/ui/console_config.h"
#include "sanad/ui/i18n.h"
#include "sanad/ui/texts.h"
#include "server_process.h"
#include "ui_test_support.h"

#include "sanad/core/desk_config.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/IniFileConfiguration.h>
#include <gtest/gtest.h>

#include <filesystem>

namespace sanad::test {
namespace {

using namespace std::chrono_literals;
using core::CachedTicket;
using core::TicketStatus;
using ui::QueueModel;

const core::Timestamp kNow = *core::parseTimestamp("2026-11-25T10:00:00.000Z");

CachedTicket ticket(const std::string& number, TicketStatus status, std::optional<int> position,
                    int minutesAgo, bool pending = false) {
    CachedTicket c;
    c.ticket.id = "id-" + number;
    c.ticket.number = number;
    c.ticket.queueId = "general";
    c.ticket.status = status;
    if (position) {
        c.ticket.position = *position;
    }
    c.ticket.checkedInAt = kNow - std::chrono::minutes(minutesAgo);
    c.ticket.updatedAt = c.ticket.checkedInAt;
    c.pending = pending;
    return c;
}

/// Counts what the model tells its views.
class Notifications : public wxDataViewModelNotifier {
public:
    bool ItemAdded(const wxDataViewItem&, const wxDataViewItem&) override { return true; }
    bool ItemDeleted(const wxDataViewItem&, const wxDataViewItem&) override { return true; }
    bool ItemChanged(const wxDataViewItem&) override {
        ++changed;
        return true;
    }
    bool ValueChanged(const wxDataViewItem&, unsigned) override { return true; }
    bool Cleared() override {
        ++cleared;
        return true;
    }
    void Resort() override {}
    int changed = 0;
    int cleared = 0;
};

TEST(QueueModel, OrdersByPositionThenInTreatmentThenFinished) {
    wxObjectDataPtr<QueueModel> model(new QueueModel([] { return kNow; }));
    model->setTickets({ticket("A005", TicketStatus::Completed, {}, 50),
                       ticket("A004", TicketStatus::InProgress, {}, 40),
                       ticket("A003", TicketStatus::Waiting, 2, 10),
                       ticket("~A001", TicketStatus::Waiting, {}, 1, true),
                       ticket("A002", TicketStatus::Called, 1, 20)});
    std::vector<std::string> order;
    for (unsigned i = 0; i < model->size(); ++i) {
        order.push_back(model->at(i)->ticket.number);
    }
    EXPECT_EQ(order, (std::vector<std::string>{"A002", "A003", "~A001", "A004", "A005"}));
    EXPECT_EQ(model->nextWaiting()->ticket.number, "A003");
    EXPECT_EQ(model->pendingCount(), 1u);
}

TEST(QueueModel, AChangedRowIsReportedAloneAndANewRowResets) {
    wxObjectDataPtr<QueueModel> model(new QueueModel([] { return kNow; }));
    auto* notes = new Notifications;
    model->AddNotifier(notes);  // owned by the model
    std::vector<CachedTicket> line{ticket("A001", TicketStatus::Waiting, 1, 30),
                                   ticket("A002", TicketStatus::Waiting, 2, 20)};
    EXPECT_TRUE(model->setTickets(line).reset);
    EXPECT_EQ(notes->cleared, 1);

    line[1].ticket.room = "2";
    const auto update = model->setTickets(line);
    EXPECT_FALSE(update.reset);
    EXPECT_EQ(update.changed, 1u);
    EXPECT_EQ(notes->changed, 1);
    EXPECT_EQ(model->setTickets(line).changed, 0u);

    line.push_back(ticket("A003", TicketStatus::Waiting, 3, 5));
    EXPECT_TRUE(model->setTickets(line).reset);
    EXPECT_EQ(model->GetCount(), 3u);
}

TEST(QueueModel, CellsInGerman) {
    wxObjectDataPtr<QueueModel> model(new QueueModel([] { return kNow; }));
    auto t = ticket("A017", TicketStatus::Waiting, 1, 75, true);
    t.ticket.patient = "Erika Mustermann";
    model->setTickets({t, ticket("A018", TicketStatus::InProgress, {}, 5)});
    EXPECT_EQ(model->text(0, QueueModel::Number), "A017");
    EXPECT_EQ(model->text(0, QueueModel::Patient), "Erika Mustermann");
    EXPECT_EQ(model->text(0, QueueModel::Status), "Wartet");
    EXPECT_EQ(model->text(0, QueueModel::Waiting), "1 Std. 15 Min.");
    EXPECT_FALSE(model->text(0, QueueModel::Pending).empty());
    EXPECT_EQ(model->text(1, QueueModel::Status), "In Behandlung");
    EXPECT_EQ(model->text(1, QueueModel::Patient), wxString::FromUTF8("—"));
    EXPECT_TRUE(model->text(1, QueueModel::Pending).empty());
    model->setShowNames(false);
    EXPECT_EQ(model->text(0, QueueModel::Patient), wxString::FromUTF8("—"));
}

TEST(Texts, BannerAndCheckInInGerman) {
    const core::Timestamp lastSync = kNow - 20min;
    const std::string clock = core::localClock(lastSync);
    EXPECT_EQ(ui::offlineBannerText(lastSync, 3, kNow),
              wxString::FromUTF8("Offline – letzte Aktualisierung " + clock +
                                 " · 3 Änderungen warten auf Übertragung"));
    EXPECT_EQ(ui::offlineBannerText(lastSync, 0, kNow),
              wxString::FromUTF8("Offline – letzte Aktualisierung " + clock));
    EXPECT_TRUE(
        ui::staleBannerText(kNow - 24h, kNow)
            .StartsWith(wxString::FromUTF8("Daten möglicherweise veraltet (Stand: gestern ")))
        << ui::staleBannerText(kNow - 24h, kNow);
    EXPECT_EQ(ui::lastSyncText(lastSync, kNow),
              wxString::FromUTF8("Zuletzt synchronisiert: " + clock));

    core::CheckInResult r;
    r.delivery = core::Delivery::Synced;
    r.outcome = core::CheckInOutcome::Created;
    r.ticket = ticket("A017", TicketStatus::Waiting, 1, 0).ticket;
    auto m = ui::checkInMessage(r, 5);
    EXPECT_EQ(m.headline, wxString::FromUTF8("A017 – bitte nehmen Sie im Wartezimmer Platz"));
    EXPECT_EQ(m.detail, wxString::FromUTF8("Karte nicht zugeordnet – Ticket ohne Namen angelegt"));
    r.warning = std::string(core::kWarningSameCardOtherDevice);
    r.ticket->patient = "Erika Mustermann";
    m = ui::checkInMessage(r, 5);
    EXPECT_EQ(m.tone, ui::CheckInMessage::Tone::Warning);
    EXPECT_EQ(
        m.detail,
        wxString::FromUTF8(
            "Diese Karte wurde in den letzten 5 Minuten an einem anderen Empfang angemeldet"));
    EXPECT_FALSE(m.headline.Contains("Erika")) << "the patient's name is not shown to the room";
    r.outcome = core::CheckInOutcome::Existing;
    m = ui::checkInMessage(r, 5);
    EXPECT_EQ(m.headline, wxString::FromUTF8("Bereits eingecheckt um " +
                                             core::localClock(r.ticket->checkedInAt) + " (A017)"));
    r.delivery = core::Delivery::Queued;
    r.outcome = core::CheckInOutcome::Created;
    r.warning.reset();
    m = ui::checkInMessage(r, 5);
    EXPECT_EQ(m.detail, wxString::FromUTF8("Offline gespeichert – noch nicht übertragen"));
}

TEST(Texts, ConflictQuestionInGerman) {
    core::ConflictReport c;
    c.server = ticket("A017", TicketStatus::InProgress, {}, 30).ticket;
    c.server.room = "2";
    c.server.updatedAt = kNow - 5min;
    c.requested.to = TicketStatus::Cancelled;
    c.requested.at = kNow - 9min;
    EXPECT_EQ(ui::conflictTitle(c), "Konflikt bei Ticket A017");
    EXPECT_EQ(
        ui::conflictText(c, "Empfang 1"),
        wxString::FromUTF8("Sie haben A017 offline storniert (" + core::localClock(c.requested.at) +
                           ", Empfang 1). Inzwischen ist A017 in Behandlung (" +
                           core::localClock(c.server.updatedAt) +
                           ", Zimmer 2). Welche Angabe soll gelten?"));
}

TEST(ConsoleConfig, RoundTripsThroughTheIniFileSanadCliReads) {
    TempDir dir;
    const std::string path = dir.path() + "/sub/reception.ini";
    ui::ConsoleConfig c = ui::ConsoleConfig::load(path);  // no file: defaults
    EXPECT_EQ(c.queueId, "general");
    EXPECT_FALSE(c.dataDir.empty());
    c.serverUrl = "https://sanad.praxis.local:8443";
    c.token = "secret-token";
    c.caFile = "C:\\Praxis\\ca.pem";
    c.room = "Zimmer 2";
    c.deskName = "Empfang 1";
    c.showNames = false;
    c.language = "en";
    c.staleAfterMinutes = 30;
    std::string error;
    ASSERT_TRUE(c.save(path, error)) << error;
    EXPECT_EQ(ui::ConsoleConfig::load(path), c);
    // sanad-cli's reader (Poco's INI file) sees the same values under the same keys.
    Poco::AutoPtr<Poco::Util::IniFileConfiguration> cli =
        new Poco::Util::IniFileConfiguration(path);
    EXPECT_EQ(cli->getString(core::ini::kServerUrl.dotted()), c.serverUrl);
    EXPECT_EQ(cli->getString(core::ini::kToken.dotted()), c.token);
    EXPECT_EQ(cli->getString(core::ini::kCaFile.dotted()), c.caFile) << "backslashes verbatim";
    EXPECT_EQ(cli->getString(core::ini::kRoom.dotted()), c.room);
    // The token is the user's secret.
    EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::others_read,
              std::filesystem::perms::none);
}

}  // namespace
}  // namespace sanad::test

namespace sanad::test {
namespace {

TEST(Language, SettingThenSystemThenGerman) {
    EXPECT_EQ(ui::chooseLanguage("de"), wxLANGUAGE_GERMAN);
    EXPECT_EQ(ui::chooseLanguage("en"), wxLANGUAGE_ENGLISH);
    const std::string saved = std::getenv("LANG") ? std::getenv("LANG") : "";
    const std::string savedAll = std::getenv("LC_ALL") ? std::getenv("LC_ALL") : "";
    ::unsetenv("LC_ALL");
    ::unsetenv("LC_MESSAGES");
    ::setenv("LANG", "C.UTF-8", 1);
    EXPECT_EQ(ui::chooseLanguage(""), wxLANGUAGE_GERMAN);
    ::setenv("LANG", "de_AT.UTF-8", 1);
    EXPECT_EQ(ui::chooseLanguage(""), wxLANGUAGE_GERMAN);
    ::setenv("LANG", saved.c_str(), 1);
    if (!savedAll.empty()) {
        ::setenv("LC_ALL", savedAll.c_str(), 1);
    }
}

}  // namespace
}  // namespace sanad::test
