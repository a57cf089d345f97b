#include "sanad/ui/status_chip.h"

#include "sanad/ui/texts.h"

#include <wx/dc.h>

namespace sanad::ui {

using core::TicketStatus;

ChipColours chipColours(TicketStatus status) {
    switch (status) {
        case TicketStatus::Waiting:
            return {wxColour(227, 236, 250), wxColour(21, 67, 130)};
        case TicketStatus::Called:
            return {wxColour(255, 224, 150), wxColour(110, 70, 0)};
        case TicketStatus::InProgress:
            return {wxColour(200, 235, 200), wxColour(27, 94, 32)};
        case TicketStatus::Completed:
            return {wxColour(228, 228, 228), wxColour(90, 90, 90)};
        case TicketStatus::Cancelled:
            return {wxColour(245, 215, 215), wxColour(140, 40, 40)};
        case TicketStatus::NoShow:
            return {wxColour(240, 222, 205), wxColour(120, 70, 30)};
    }
    return {*wxWHITE, *wxBLACK};
}

StatusChipRenderer::StatusChipRenderer()
    : wxDataViewCustomRenderer("string", wxDATAVIEW_CELL_INERT, wxALIGN_LEFT) {}

wxString StatusChipRenderer::valueOf(TicketStatus status) {
    return fromUtf8(std::string(core::toString(status))) + "\t" + statusLabel(status);
}

bool StatusChipRenderer::SetValue(const wxVariant& value) {
    value_ = value.GetString();
    label_ = value_.AfterFirst('\t');
    status_ =
        core::parseTicketStatus(toUtf8(value_.BeforeFirst('\t'))).value_or(TicketStatus::Waiting);
    return true;
}

bool StatusChipRenderer::GetValue(wxVariant& value) const {
    value = value_;
    return true;
}

bool StatusChipRenderer::Render(wxRect cell, wxDC* dc, int /*state*/) {
    const ChipColours colours = chipColours(status_);
    const wxSize text = dc->GetTextExtent(label_);
    const int padX = 8;
    const int height = std::min(cell.height - 2, text.y + 6);
    wxRect chip(cell.x, cell.y + (cell.height - height) / 2,
                std::min(cell.width, text.x + 2 * padX), height);
    dc->SetPen(*wxTRANSPARENT_PEN);
    dc->SetBrush(wxBrush(colours.fill));
    dc->DrawRoundedRectangle(chip, height / 2.0);
    dc->SetTextForeground(colours.text);
    dc->DrawText(label_, chip.x + padX, chip.y + (height - text.y) / 2);
    return true;
}

wxSize StatusChipRenderer::GetSize() const {
    return GetTextExtent(label_) + wxSize(16, 6);
}

}  // namespace sanad::ui
