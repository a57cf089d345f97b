#pragma once

#include <wx/bitmap.h>

namespace sanad::ui {

/// The toolbar's pictures, drawn with wxGraphicsContext at the size asked for (no image files
/// to ship, sharp at any DPI; wxArtProvider has nothing that says "call a patient").
enum class ToolIcon { CallNext, Call, WalkIn, RegisterCard, SimulateCard };

/// A `size`×`size` bitmap with a transparent background. UI thread only.
wxBitmap toolIcon(ToolIcon icon, int size);

}  // namespace sanad::ui
