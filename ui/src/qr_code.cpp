#include "sanad/ui/qr_code.h"

#include <qrencode.h>
#include <wx/image.h>

#include <algorithm>
#include <memory>

namespace sanad::ui {

QrModules encodeQr(const std::string& text) {
    QrModules modules;
    if (text.empty()) {
        return modules;
    }
    // 8-bit mode, not libqrencode's mixed modes: a URL's lower-case token is not alphanumeric
    // anyway, and 8-bit is what every phone's reader opens as a link.
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(text.size()),
                          reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code) {
        return modules;
    }
    modules.size = code->width;
    modules.dark.resize(static_cast<std::size_t>(code->width) *
                        static_cast<std::size_t>(code->width));
    for (std::size_t i = 0; i < modules.dark.size(); ++i) {
        modules.dark[i] = (code->data[i] & 1) != 0;  // bit 0: dark; the others say what it is
    }
    return modules;
}

wxBitmap qrCodeBitmap(const std::string& text, int maxSide) {
    const QrModules modules = encodeQr(text);
    if (modules.size == 0) {
        return wxBitmap();
    }
    const int total = modules.size + 2 * kQrQuietZone;
    const int scale = std::max(2, maxSide / total);
    const int side = total * scale;
    wxImage image(side, side);
    image.SetRGB(wxRect(0, 0, side, side), 255, 255, 255);
    for (int y = 0; y < modules.size; ++y) {
        for (int x = 0; x < modules.size; ++x) {
            if (modules.at(x, y)) {
                image.SetRGB(
                    wxRect((x + kQrQuietZone) * scale, (y + kQrQuietZone) * scale, scale, scale), 0,
                    0, 0);
            }
        }
    }
    return wxBitmap(image);
}

}  // namespace sanad::ui
