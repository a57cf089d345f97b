#pragma once

#include "sanad/core/ticket.h"

#include <wx/colour.h>
#include <wx/dataview.h>

namespace sanad::ui {

/// The colours of a status chip (a light fill, a darker text), the same in the list and the
/// details panel.
struct ChipColours {
    wxColour fill;
    wxColour text;
};
ChipColours chipColours(core::TicketStatus status);

/// The list's status column: the status as a coloured, rounded chip. Its value is the status's
/// wire name, a tab, and the label ("called\tAufgerufen"), so the renderer needs no model.
/// UI thread only.
class StatusChipRenderer : public wxDataViewCustomRenderer {
public:
    StatusChipRenderer();
    static wxString valueOf(core::TicketStatus status);

    bool SetValue(const wxVariant& value) override;
    bool GetValue(wxVariant& value) const override;
    bool Render(wxRect cell, wxDC* dc, int state) override;
    wxSize GetSize() const override;

private:
    wxString value_;
    wxString label_;
    core::TicketStatus status_ = core::TicketStatus::Waiting;
};

}  // namespace sanad::ui
