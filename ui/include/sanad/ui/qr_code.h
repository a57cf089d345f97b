#pragma once

#include <wx/bitmap.h>

#include <string>
#include <vector>

namespace sanad::ui {

/// A QR code's modules (libqrencode, error correction M, 8-bit mode), without the quiet zone:
/// `size` × `size`, row by row, true = dark. Empty (size 0) when `text` cannot be encoded. Pure;
/// any thread.
struct QrModules {
    int size = 0;
    std::vector<bool> dark;
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};
QrModules encodeQr(const std::string& text);

/// The quiet zone around a code (ISO/IEC 18004: 4 modules), in modules.
inline constexpr int kQrQuietZone = 4;

/// `text` as a QR code bitmap: black modules on white, the quiet zone of 4 modules around it,
/// each module the largest whole number of pixels (at least 2) that keeps the side within
/// `maxSide` pixels, so that scaling never blurs a module edge. An invalid bitmap when the text
/// cannot be encoded. UI thread (wxBitmap).
wxBitmap qrCodeBitmap(const std::string& text, int maxSide);

}  // namespace sanad::ui
