// The front desk in the console window (issue 14), under Xvfb against a real demo server: a walk-in
// without a card, registering an unknown card from the check-in panel, a transfer keeping the
// number, edits in the details panel, the statistics dialog, the PVS patient, keyboard alone.
// Each offline test cuts the server off (FaultProxy) and checks what the window shows at once;
// each `…OnTheServer` test checks that the change arrives (it needs the server's v1.1 routes).
#include "console_window_fixture.h"
#include "fault_proxy.h"
#include "ui_test_support.h"

#include "sanad/core/crypto.h"
#include "sanad/ui/details_panel.h"
#include "sanad/ui/dialog_parts.h"
#include "sanad/ui/i18n.h"
#include "sanad/ui/register_card_dialog.h"
#include "sanad/ui/stats_dialog.h"
#include "sanad/ui/walk_in_dialog.h"

#include <gtest/gtest.h>

#include <Poco/File.h>

#include <wx/choicdlg.h>
#include <wx/listbox.h>
#include <wx/uiaction.h>

namespace sanad::test {
namespace {

using core::TicketStatus;
using ui::DeskCommand;
using ui::MainFrame;

const core::Bytes kNewCard = {0x04, 0x5A, 0x17, 0x2B, 0x99, 0x01, 0x42};  // nobody's

class FrontDeskWindowTest : public ConsoleWindowTest {
protected:
    /// The window through a proxy that can cut it off.
    void openBehindProxy() {
        proxy = std::make_unique<FaultProxy>(server->port());
        open(proxy->url());
    }

    void goOffline() {
        proxy->setMode(FaultProxy::Mode::Refuse);
        ASSERT_TRUE(pumpUntil([&] { return frame->online() == false; }, 15s))
            << "the window never noticed the server was gone";
    }

    const core::CachedTicket* shown(const std::string& ticketId) {
        const auto row = frame->model().rowOf(ticketId);
        return row ? frame->model().at(*row) : nullptr;
    }

    const core::CachedTicket* firstWaiting() { return frame->model().nextWaiting(); }

    /// Answers the walk-in dialog with these fields.
    static int fillWalkIn(wxDialog* dialog, const char* name, bool urgent, const char* note) {
        auto* walkIn = dynamic_cast<ui::WalkInDialog*>(dialog);
        if (!walkIn) {
            ADD_FAILURE() << "unexpected dialog " << dialog->GetTitle();
            return wxID_CANCEL;
        }
        walkIn->name()->SetValue(wxString::FromUTF8(name));
        walkIn->urgent()->SetValue(urgent);
        walkIn->note()->SetValue(wxString::FromUTF8(note));
        return wxID_OK;
    }

    /// Answers the register-card dialog with a name and patient id.
    static int fillCard(wxDialog* dialog, const char* name, const char* patientId) {
        auto* card = dynamic_cast<ui::RegisterCardDialog*>(dialog);
        if (!card) {
            ADD_FAILURE() << "unexpected dialog " << dialog->GetTitle();
            return wxID_CANCEL;
        }
        card->name()->SetValue(wxString::FromUTF8(name));
        card->patientId()->SetValue(wxString::FromUTF8(patientId));
        return wxID_OK;
    }

    /// Picks `queueName` in the transfer dialog.
    static int chooseQueue(wxDialog* dialog, const char* queueName) {
        auto* choice = dynamic_cast<wxSingleChoiceDialog*>(dialog);
        if (!choice) {
            ADD_FAILURE() << "unexpected dialog " << dialog->GetTitle();
            return wxID_CANCEL;
        }
        for (wxWindow* child : choice->GetChildren()) {
            if (auto* list = dynamic_cast<wxListBox*>(child)) {
                choice->SetSelection(list->FindString(wxString::FromUTF8(queueName)));
            }
        }
        return wxID_OK;
    }

    /// A tap of a card nobody registered; returns its ticket once the window shows it.
    const core::CachedTicket* tapNewCard() {
        frame->simulateTap(kNewCard);
        EXPECT_TRUE(pumpUntil([&] {
            return frame->checkInPanel()->actionButton() != nullptr && frame->selectedTicket();
        })) << "no offer to register the card";
        return frame->selectedTicket() ? shown(*frame->selectedTicket()) : nullptr;
    }

    static void click(wxWindow* button) {
        ASSERT_NE(button, nullptr);
        wxCommandEvent event(wxEVT_BUTTON, button->GetId());
        event.SetEventObject(button);
        button->ProcessWindowEvent(event);
    }

    std::unique_ptr<FaultProxy> proxy;
};

TEST_F(FrontDeskWindowTest, AWalkInOfflineShowsItsNumberAtOnce) {
    openBehindProxy();
    goOffline();
    ModalAnswerer answerer([](wxDialog* d) {
        const int answer = fillWalkIn(d, "Max Walk", true, "Rollstuhl, bitte Aufzug");
        screenshot("walk-in-dialog");
        return answer;
    });
    frame->run(DeskCommand::WalkIn);
    ASSERT_EQ(answerer.shown(), 1);
    ASSERT_TRUE(pumpUntil([&] {
        return frame->checkInPanel()->headline().EndsWith(
            wxString::FromUTF8(" – bitte nehmen Sie im Wartezimmer Platz"));
    })) << frame->checkInPanel()->headline();
    // A number from the leased block, not a provisional one.
    EXPECT_TRUE(frame->checkInPanel()->headline().StartsWith("A"))
        << frame->checkInPanel()->headline();
    EXPECT_EQ(frame->checkInPanel()->detail(),
              wxString::FromUTF8("Offline gespeichert – noch nicht übertragen"));
    EXPECT_EQ(frame->checkInPanel()->actionButton(), nullptr);  // no card to register
    ASSERT_TRUE(pumpUntil([&] {
        const auto id = frame->selectedTicket();
        return id && shown(*id) &&
               shown(*id)->ticket.patient == std::optional<std::string>("Max Walk");
    })) << "the walk-in is not selected in the list";
    const core::CachedTicket* c = shown(*frame->selectedTicket());
    EXPECT_TRUE(c->pending);
    EXPECT_EQ(c->ticket.source, core::TicketSource::Desk);
    EXPECT_EQ(frame->checkInPanel()->headline(),
              wxString::FromUTF8(c->ticket.number + " – bitte nehmen Sie im Wartezimmer Platz"));

    // The details panel shows it, urgent and with its note (the desk's eyes only).
    ui::DetailsPanel* details = frame->details();
    EXPECT_EQ(details->numberText(), wxString::FromUTF8(c->ticket.number));
    EXPECT_EQ(details->statusText(), "Wartet");
    EXPECT_EQ(details->urgentText(), "Dringend");
    EXPECT_EQ(details->noteText(), wxString::FromUTF8("Rollstuhl, bitte Aufzug"));
    EXPECT_TRUE(details->urgent()->GetValue());
    const unsigned row = *frame->model().rowOf(c->ticket.id);
    EXPECT_EQ(frame->model().text(row, ui::QueueModel::Urgent), "!");
    EXPECT_EQ(frame->model().text(row, ui::QueueModel::Note), wxString::FromUTF8("✎"));
    screenshotOf(*frame, "walk-in-offline");
}

TEST_F(FrontDeskWindowTest, AWalkInArrivesOnTheServer) {
    open(server->baseUrl());
    ModalAnswerer answerer(
        [](wxDialog* d) { return fillWalkIn(d, "Max Walk", true, "Rollstuhl"); });
    frame->run(DeskCommand::WalkIn);
    ASSERT_EQ(answerer.shown(), 1);
    ASSERT_TRUE(pumpUntil([&] { return frame->selectedTicket().has_value(); }));
    const std::string id = *frame->selectedTicket();
    ASSERT_TRUE(pumpUntil([&] { return serverTicket(id).has_value(); }, 30s))
        << "the walk-in never reached the server";
    const core::Ticket t = *serverTicket(id);
    EXPECT_EQ(t.source, core::TicketSource::Desk);
    EXPECT_EQ(t.priority, core::Priority::Urgent);
    EXPECT_EQ(t.note.value_or(""), "Rollstuhl");
    EXPECT_EQ(t.patient.value_or(""), "Max Walk");
    EXPECT_EQ(t.number, shown(id)->ticket.number);
}

TEST_F(FrontDeskWindowTest, AnUnknownCardIsRegisteredFromTheCheckInPanelOffline) {
    openBehindProxy();
    goOffline();
    const core::CachedTicket* tapped = tapNewCard();
    ASSERT_NE(tapped, nullptr);
    const std::string id = tapped->ticket.id;
    EXPECT_TRUE(frame->checkInPanel()->detail().Contains(
        wxString::FromUTF8("Karte nicht zugeordnet – Ticket ohne Namen angelegt")));
    EXPECT_EQ(frame->checkInPanel()->actionButton()->GetLabel(),
              wxString::FromUTF8("Karte zuordnen …"));
    screenshotOf(*frame, "unknown-card");

    ModalAnswerer answerer([](wxDialog* d) {
        screenshot("register-card-dialog");
        return fillCard(d, "Paula Neu", "4711");
    });
    click(frame->checkInPanel()->actionButton());
    EXPECT_EQ(answerer.shown(), 1);
    // The ticket takes the name at once, offline too.
    ASSERT_TRUE(pumpUntil([&] {
        const core::CachedTicket* c = shown(id);
        return c && c->ticket.patient == std::optional<std::string>("Paula Neu") &&
               c->ticket.patientId == std::optional<std::string>("4711");
    })) << "the ticket never took the name";
    EXPECT_TRUE(frame->statusText(MainFrame::FieldConnection)
                    .Contains(wxString::FromUTF8("Karte zugeordnet: Paula Neu")))
        << frame->statusText(MainFrame::FieldConnection);
}

TEST_F(FrontDeskWindowTest, ACardRegisteredFromTheCheckInPanelIsKnownToTheServer) {
    open(server->baseUrl());
    const core::CachedTicket* tapped = tapNewCard();
    ASSERT_NE(tapped, nullptr);
    const std::string id = tapped->ticket.id;
    const std::string cardRef = tapped->ticket.cardRef.value_or("");
    ASSERT_FALSE(cardRef.empty());
    ModalAnswerer answerer([](wxDialog* d) { return fillCard(d, "Paula Neu", "4711"); });
    click(frame->checkInPanel()->actionButton());
    ASSERT_TRUE(pumpUntil(
        [&] {
            const auto t = serverTicket(id);
            return t && t->patient == std::optional<std::string>("Paula Neu");
        },
        30s))
        << "the server's ticket never took the name";
    const auto card = api->get("/api/cards/" + cardRef);
    ASSERT_EQ(card.status, 200) << card.body;
    EXPECT_NE(card.body.find("Paula Neu"), std::string::npos) << card.body;
}

TEST_F(FrontDeskWindowTest, ATransferOfflineKeepsTheNumberInTheOtherQueue) {
    openBehindProxy();
    const core::Ticket ticket = firstWaiting()->ticket;
    goOffline();
    frame->selectTicket(ticket.id);
    ASSERT_TRUE(frame->enabled(DeskCommand::Transfer));
    ModalAnswerer answerer([](wxDialog* d) { return chooseQueue(d, "Labor"); });
    frame->run(DeskCommand::Transfer);
    ASSERT_EQ(answerer.shown(), 1);
    ASSERT_TRUE(pumpUntil([&] { return shown(ticket.id) == nullptr; }))
        << "the ticket is still in its old queue";

    ui::ConsoleConfig lab = frame->config();
    lab.queueId = "lab";
    frame->applyConfig(lab);
    ASSERT_TRUE(pumpUntil([&] { return shown(ticket.id) != nullptr; }))
        << "the ticket is not in the lab's list";
    const core::CachedTicket* moved = shown(ticket.id);
    EXPECT_EQ(moved->ticket.number, ticket.number);
    EXPECT_EQ(moved->ticket.status, TicketStatus::Waiting);
    EXPECT_EQ(moved->ticket.queueId, "lab");
    EXPECT_TRUE(moved->pending);
}

TEST_F(FrontDeskWindowTest, ATransferArrivesOnTheServerWithTheSameNumber) {
    open(server->baseUrl());
    const core::Ticket ticket = firstWaiting()->ticket;
    frame->selectTicket(ticket.id);
    ModalAnswerer answerer([](wxDialog* d) { return chooseQueue(d, "Labor"); });
    frame->run(DeskCommand::Transfer);
    ASSERT_TRUE(pumpUntil([&] { return serverTicket(ticket.id, "lab").has_value(); }, 30s))
        << "the server never moved the ticket";
    const core::Ticket t = *serverTicket(ticket.id, "lab");
    EXPECT_EQ(t.number, ticket.number);
    EXPECT_EQ(t.status, TicketStatus::Waiting);
}

TEST_F(FrontDeskWindowTest, TheDetailsPanelEditsTheSelectedTicketOffline) {
    openBehindProxy();
    const core::Ticket ticket = firstWaiting()->ticket;
    goOffline();
    frame->selectTicket(ticket.id);
    ui::DetailsPanel* details = frame->details();
    ASSERT_EQ(details->ticketId(), std::optional(ticket.id));
    EXPECT_EQ(details->numberText(), wxString::FromUTF8(ticket.number));
    EXPECT_EQ(details->urgentText(), "");
    details->urgent()->SetValue(true);
    details->note()->SetValue(wxString::FromUTF8("Allergie: Penicillin"));
    click(details->applyButton());
    ASSERT_TRUE(pumpUntil([&] {
        const core::CachedTicket* c = shown(ticket.id);
        return c && c->pending && c->ticket.priority == core::Priority::Urgent &&
               c->ticket.note == std::optional<std::string>("Allergie: Penicillin");
    })) << "the edit never showed";
    ASSERT_TRUE(pumpUntil([&] { return details->urgentText() == "Dringend"; }));
    EXPECT_EQ(details->noteText(), wxString::FromUTF8("Allergie: Penicillin"));
    const unsigned row = *frame->model().rowOf(ticket.id);
    EXPECT_EQ(frame->model().text(row, ui::QueueModel::Urgent), "!");
    EXPECT_EQ(frame->model().text(row, ui::QueueModel::Note), wxString::FromUTF8("✎"));
    screenshotOf(*frame, "details-urgent-note");
}

TEST_F(FrontDeskWindowTest, AnEditInTheDetailsPanelArrivesOnTheServer) {
    open(server->baseUrl());
    const core::Ticket ticket = firstWaiting()->ticket;
    frame->selectTicket(ticket.id);
    frame->details()->urgent()->SetValue(true);
    frame->details()->note()->SetValue("Allergie");
    click(frame->details()->applyButton());
    ASSERT_TRUE(pumpUntil(
        [&] {
            const auto t = serverTicket(ticket.id);
            return t && t->priority == core::Priority::Urgent &&
                   t->note == std::optional<std::string>("Allergie");
        },
        30s))
        << "the server never took the edit";
}

TEST_F(FrontDeskWindowTest, TheStatisticsDialogShowsPerQueueFiguresAndTheChart) {
    open(server->baseUrl());
    core::StatsResult given;  // figures this desk fetched earlier, shown while offline
    given.stats = core::StatsResponse{
        core::localDay(core::now()),
        {core::QueueStats{
             "general", 12, 7, 1, 1, 3, 8.5, 21.0, {{8, 4, 5.0}, {9, 5, 9.5}, {11, 3, 12.0}}},
         core::QueueStats{"lab", 4, 4, 0, 0, 0, 3.0, 6.2, {{9, 4, 3.0}}}}};
    given.cached = true;
    given.fetchedAt = core::now() - 5min;
    ModalAnswerer answerer([&](wxDialog* dialog) {
        auto* stats = dynamic_cast<ui::StatsDialog*>(dialog);
        if (!stats) {
            ADD_FAILURE() << "unexpected dialog " << dialog->GetTitle();
            return static_cast<int>(wxID_CANCEL);
        }
        // The engine's own answer first (whatever this server has), then the figures given.
        EXPECT_TRUE(pumpUntil([&] { return stats->loaded(); }, 10s));
        stats->show(given);
        wxListCtrl* list = stats->list();
        EXPECT_EQ(list->GetItemCount(), 2);
        EXPECT_EQ(list->GetItemText(0, 0), "Allgemeinmedizin");
        EXPECT_EQ(list->GetItemText(0, 1), "12");
        EXPECT_EQ(list->GetItemText(0, 2), "7");
        EXPECT_EQ(list->GetItemText(0, 5), "3");
        EXPECT_EQ(list->GetItemText(0, 6), wxString::FromUTF8("8,5 Min."));
        EXPECT_EQ(list->GetItemText(0, 7), wxString::FromUTF8("21,0 Min."));
        EXPECT_EQ(list->GetItemText(1, 0), "Labor");
        EXPECT_TRUE(stats->caption().Contains(wxString::FromUTF8("Offline – Zahlen, Stand ")))
            << stats->caption();
        EXPECT_EQ(stats->chart()->hours().size(), 3u);  // the desk's queue
        screenshot("statistics");
        stats->selectQueue(1);
        EXPECT_EQ(stats->chart()->hours().size(), 1u);
        return ui::kCloseButtonId;
    });
    frame->run(DeskCommand::Statistics);
    EXPECT_EQ(answerer.shown(), 1);
}

TEST_F(FrontDeskWindowTest, APvsPatientIsOfferedAndTheNextTapRegistersTheCard) {
    openBehindProxy();
    goOffline();
    frame->showPvsPatient("Erika Musterfrau", "P-123");
    ASSERT_TRUE(frame->pvsBar()->IsShown());
    EXPECT_EQ(frame->pvsBar()->text(), "Aus PVS: Erika Musterfrau");
    // "Ohne Karte anmelden …" opens the walk-in dialog with the patient filled in.
    wxString name, patientId;
    {
        ModalAnswerer answerer([&](wxDialog* dialog) {
            auto* walkIn = dynamic_cast<ui::WalkInDialog*>(dialog);
            if (walkIn) {
                name = walkIn->name()->GetValue();
                patientId = walkIn->patientId()->GetValue();
            }
            return static_cast<int>(wxID_CANCEL);
        });
        click(frame->pvsBar()->walkInButton());
        EXPECT_EQ(answerer.shown(), 1);
    }
    EXPECT_EQ(name, "Erika Musterfrau");
    EXPECT_EQ(patientId, "P-123");
    screenshotOf(*frame, "pvs-patient");
    // "Karte zuordnen": the next tap's card is the patient's.
    click(frame->pvsBar()->registerButton());
    ASSERT_TRUE(frame->frontDesk().pendingCard().has_value());
    frame->simulateTap(kNewCard);
    ASSERT_TRUE(pumpUntil([&] {
        const auto id = frame->selectedTicket();
        const core::CachedTicket* c = id ? shown(*id) : nullptr;
        return c && c->ticket.cardRef &&
               c->ticket.patient == std::optional<std::string>("Erika Musterfrau") &&
               c->ticket.patientId == std::optional<std::string>("P-123");
    })) << "the tapped card was not registered to the PVS patient";
    EXPECT_FALSE(frame->pvsBar()->IsShown());
    EXPECT_FALSE(frame->frontDesk().pendingCard().has_value());
}

// The whole PVS path: a 6301 file the practice system drops into the watched folder appears in
// the window (the watcher thread, the bridge, the bar) and the file is gone.
TEST_F(FrontDeskWindowTest, AGdtFileDroppedIntoTheFolderAppearsInTheWindow) {
    gdtFolder = dataDir.path() + "/pvs";
    Poco::File(gdtFolder).createDirectories();
    open("http://127.0.0.1:" + std::to_string(server->port()));
    ASSERT_FALSE(frame->pvsBar()->IsShown());
    // written beside the folder, then moved in: as a PVS that writes whole files
    Poco::File(std::string(SANAD_GDT_SAMPLES) + "/SANAD_PVS_1.gdt").copyTo(dataDir.path());
    Poco::File(dataDir.path() + "/SANAD_PVS_1.gdt").renameTo(gdtFolder + "/SANAD_PVS_1.gdt");
    ASSERT_TRUE(pumpUntil([&] { return frame->pvsBar()->IsShown(); }, 10s))
        << "the imported patient never appeared";
    EXPECT_EQ(frame->pvsBar()->text(), wxString::FromUTF8("Aus PVS: Jürgen Müller"));
    EXPECT_FALSE(Poco::File(gdtFolder + "/SANAD_PVS_1.gdt").exists()) << "read, then deleted";
    screenshotOf(*frame, "pvs-imported");
}

/// Keyboard alone: F4 opens the walk-in dialog with the name focused, Tab goes on to the patient
/// id, Enter checks in; F2 calls the next patient.
TEST_F(FrontDeskWindowTest, KeyboardAloneChecksInAWalkInAndCallsTheNext) {
    open(server->baseUrl());
    wxUIActionSimulator keys;
    frame->Raise();
    keys.MouseMove(frame->GetScreenRect().GetPosition() + wxPoint(300, 300));
    frame->list()->SetFocus();
    ASSERT_TRUE(pumpUntil([&] { return frame->IsActive() || wxWindow::FindFocus() != nullptr; }));
    bool nameFocused = false, tabToPatientId = false;
    ModalAnswerer answerer([&](wxDialog* dialog) {
        auto* walkIn = dynamic_cast<ui::WalkInDialog*>(dialog);
        if (!walkIn) {
            ADD_FAILURE() << "unexpected dialog " << dialog->GetTitle();
            return static_cast<int>(wxID_CANCEL);
        }
        walkIn->Raise();
        keys.MouseMove(walkIn->GetScreenRect().GetPosition() + wxPoint(40, 40));
        nameFocused = pumpUntil([&] { return wxWindow::FindFocus() == walkIn->name(); }, 5s);
        keys.Text("Tom");
        pumpUntil([&] { return walkIn->name()->GetValue() == "Tom"; }, 5s);
        keys.Char(WXK_TAB);
        tabToPatientId =
            pumpUntil([&] { return wxWindow::FindFocus() == walkIn->patientId(); }, 5s);
        keys.Text("42");
        pumpUntil([&] { return walkIn->patientId()->GetValue() == "42"; }, 5s);
        keys.Char(WXK_RETURN);  // the default button: "Anmelden"
        return static_cast<int>(wxID_NONE);
    });
    keys.Char(WXK_F4);
    ASSERT_TRUE(pumpUntil([&] {
        const auto id = frame->selectedTicket();
        const core::CachedTicket* c = id ? shown(*id) : nullptr;
        return c && c->ticket.patient == std::optional<std::string>("Tom") &&
               c->ticket.patientId == std::optional<std::string>("42");
    })) << "dialogs: "
        << answerer.shown();
    EXPECT_EQ(answerer.shown(), 1);
    EXPECT_TRUE(nameFocused) << "the name field did not have the focus";
    EXPECT_TRUE(tabToPatientId) << "Tab did not go from the name to the patient id";

    const core::Ticket next = firstWaiting()->ticket;
    frame->list()->SetFocus();
    keys.Char(WXK_F2);
    ASSERT_TRUE(pumpUntil([&] {
        const core::CachedTicket* c = shown(next.id);
        return c && c->ticket.status == TicketStatus::Called;
    })) << "F2 did not call the next patient";
}

/// The window at a common front-desk size and at full HD, in German and English: screenshots for
/// the eye (cut-off labels, overlaps) in the artifacts; the German 1366×768 one is the README's.
TEST_F(FrontDeskWindowTest, ScreenshotsInGermanAndEnglishAtTwoSizes) {
    const wxSize sizes[] = {{1366, 768}, {1920, 1080}};
    for (const auto& [language, tag] :
         {std::pair{wxLANGUAGE_GERMAN, "de"}, std::pair{wxLANGUAGE_ENGLISH, "en"}}) {
        ASSERT_TRUE(ui::installTranslations(language));
        for (const wxSize& size : sizes) {
            open(server->baseUrl());
            frame->SetSize(wxRect(wxPoint(0, 0), size));
            // A morning: one called, one in treatment, an urgent walk-in with a note, the PVS.
            frame->run(MainFrame::Action::CallNext);
            ModalAnswerer answerer(
                [](wxDialog* d) { return fillWalkIn(d, "Jonas Weber", true, "Rollstuhl"); });
            frame->run(DeskCommand::WalkIn);
            ASSERT_TRUE(pumpUntil([&] { return frame->selectedTicket().has_value(); }));
            const std::string walkIn = *frame->selectedTicket();
            // A tap last: the check-in panel shows what a patient sees.
            frame->simulateTap(*core::fromHex(kErikasCard));
            ASSERT_TRUE(pumpUntil([&] {
                return frame->selectedTicket() != walkIn &&
                       frame->checkInPanel()->headline().Contains("A0");  // new, or already in
            }));
            frame->selectTicket(walkIn);
            frame->showPvsPatient("Erika Mustermann", "1234");
            pumpPast(frame);
            const std::string name = std::string("window-") + tag + "-" + std::to_string(size.x) +
                                     "x" + std::to_string(size.y);
            screenshotOf(*frame, name);
            closeAllWindows();
            frame = nullptr;
        }
    }
    ASSERT_TRUE(ui::installTranslations(wxLANGUAGE_GERMAN));
}

}  // namespace
}  // namespace sanad::test
