// The check-in panel's QR code (issue 15): public_url + "/t/" + the status token, drawn with
// libqrencode, read back from a screenshot of the window by zbarimg (zbar-tools) — online and
// offline (the token is computed at the desk).
#include "console_window_fixture.h"
#include "fault_proxy.h"
#include "sanad/core/crypto.h"
#include "sanad/ui/check_in_panel.h"
#include "sanad/ui/qr_code.h"

#include <Poco/Net/ServerSocket.h>
#include <gtest/gtest.h>
#include <wx/image.h>

namespace sanad::test {
namespace {

using ui::MainFrame;

std::string decodeQr(const std::string& png) {
    const ProcessResult zbar = runProcess("/usr/bin/zbarimg", {"--raw", "-q", png});
    EXPECT_EQ(zbar.rc, 0) << "zbarimg found no code in " << png << ": " << zbar.err;
    std::string text = zbar.out;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.pop_back();
    }
    return text;
}

class CheckInQrTest : public ConsoleWindowTest {
protected:
    void SetUp() override {
        // The public URL names the server's own port (a port free a moment ago, given to it).
        std::uint16_t port = 0;
        {
            Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
            port = probe.address().port();
        }
        publicUrl = "http://127.0.0.1:" + std::to_string(port);
        server = std::make_unique<ServerProcess>(
            std::vector<std::string>{"--port", std::to_string(port), "--public-url", publicUrl});
        token = server->addDevice("Empfang 1");
        api = std::make_unique<Client>(server->port(), token);
    }

    std::string expectedUrl(const std::string& ticketId) {
        const auto key =
            core::codec::decodeConfigResponse(api->get("/api/config").body).practiceKey;
        return publicUrl + "/t/" + core::statusToken(*core::fromHex(key), ticketId);
    }

    /// Taps the demo card, waits for the panel's QR code of the new ticket, and checks it.
    void tapAndReadQr(const std::string& artifact) {
        const std::size_t before = frame->model().size();
        frame->simulateTap();
        ASSERT_TRUE(pumpUntil([&] {
            return frame->model().size() == before + 1 && !frame->checkInPanel()->qrUrl().empty();
        }));
        ASSERT_TRUE(frame->selectedTicket());
        const std::string url = expectedUrl(*frame->selectedTicket());
        EXPECT_EQ(frame->checkInPanel()->qrUrl(), url);
        ASSERT_TRUE(frame->checkInPanel()->qrCode());
        EXPECT_TRUE(frame->checkInPanel()->qrCode()->IsShownOnScreen());
        pumpPast(frame);  // painted
        frame->Update();
        EXPECT_EQ(decodeQr(screenshotOf(*frame, artifact)), url);
    }

    std::string publicUrl;
};

TEST_F(CheckInQrTest, TheQrCodeOfACheckInDecodesToItsStatusUrl) {
    open(server->baseUrl());
    tapAndReadQr("check-in-qr");
    EXPECT_TRUE(
        frame->checkInPanel()->headline().EndsWith("bitte nehmen Sie im Wartezimmer Platz"));
}

TEST_F(CheckInQrTest, AnOfflineCheckInHasItsQrCodeToo) {
    FaultProxy proxy(server->port());
    open(proxy.url());
    proxy.setMode(FaultProxy::Mode::Refuse);
    tapAndReadQr("check-in-qr-offline");
    EXPECT_TRUE(frame->model().pendingCount() >= 1);  // not sent yet: the token is the desk's
}

TEST(QrCodeBitmap, BlackOnWhiteWithAQuietZoneInWholeModules) {
    const std::string url = "http://127.0.0.1:8080/t/0123456789abcdef0123456789abcdef";
    const ui::QrModules modules = ui::encodeQr(url);
    ASSERT_GT(modules.size, 20);
    const wxBitmap bitmap = ui::qrCodeBitmap(url, 200);
    ASSERT_TRUE(bitmap.IsOk());
    const int total = modules.size + 2 * ui::kQrQuietZone;
    ASSERT_EQ(bitmap.GetWidth(), bitmap.GetHeight());
    ASSERT_EQ(bitmap.GetWidth() % total, 0);
    const int scale = bitmap.GetWidth() / total;
    EXPECT_GE(scale, 2);
    EXPECT_LE(bitmap.GetWidth(), 200);
    const wxImage image = bitmap.ConvertToImage();
    for (int y = 0; y < total; ++y) {  // every module one colour, the quiet zone white
        for (int x = 0; x < total; ++x) {
            const bool inCode = x >= ui::kQrQuietZone && y >= ui::kQrQuietZone &&
                                x < total - ui::kQrQuietZone && y < total - ui::kQrQuietZone;
            const bool dark = inCode && modules.at(x - ui::kQrQuietZone, y - ui::kQrQuietZone);
            const unsigned char want = dark ? 0 : 255;
            EXPECT_EQ(image.GetRed(x * scale, y * scale), want) << x << "," << y;
            EXPECT_EQ(image.GetRed(x * scale + scale - 1, y * scale + scale - 1), want);
        }
    }
    EXPECT_FALSE(ui::qrCodeBitmap("", 200).IsOk());
}

}  // namespace
}  // namespace sanad::test
