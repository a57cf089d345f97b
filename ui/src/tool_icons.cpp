#include "sanad/ui/tool_icons.h"

#include <wx/brush.h>
#include <wx/graphics.h>
#include <wx/image.h>
#include <wx/pen.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace sanad::ui {

namespace {

const wxColour kGreen(46, 125, 50);
const wxColour kBlue(21, 101, 192);
const wxColour kCard(255, 160, 0);
const wxColour kInk(55, 71, 79);

/// A right-pointing triangle in the box (x, y, w, h).
void triangle(wxGraphicsContext& gc, double x, double y, double w, double h) {
    wxGraphicsPath p = gc.CreatePath();
    p.MoveToPoint(x, y);
    p.AddLineToPoint(x + w, y + h / 2);
    p.AddLineToPoint(x, y + h);
    p.CloseSubpath();
    gc.FillPath(p);
}

/// Head and shoulders of a person in the box (x, y, s, s).
void person(wxGraphicsContext& gc, double x, double y, double s) {
    gc.DrawEllipse(x + s * 0.3, y, s * 0.4, s * 0.4);
    wxGraphicsPath body = gc.CreatePath();
    body.AddArc(x + s / 2, y + s, s * 0.45, M_PI, 2 * M_PI, true);
    body.CloseSubpath();
    gc.FillPath(body);
}

/// A card with a magnetic stripe in the box (x, y, w, h).
void card(wxGraphicsContext& gc, double x, double y, double w, double h) {
    gc.SetBrush(wxBrush(kCard));
    gc.DrawRoundedRectangle(x, y, w, h, h * 0.15);
    gc.SetBrush(wxBrush(kInk));
    gc.DrawRectangle(x, y + h * 0.2, w, h * 0.18);
}

void plus(wxGraphicsContext& gc, double cx, double cy, double r, const wxColour& colour) {
    gc.SetBrush(wxBrush(colour));
    gc.DrawRectangle(cx - r, cy - r * 0.3, 2 * r, r * 0.6);
    gc.DrawRectangle(cx - r * 0.3, cy - r, r * 0.6, 2 * r);
}

void draw(wxGraphicsContext& gc, ToolIcon icon, double s) {
    gc.SetPen(*wxTRANSPARENT_PEN);
    switch (icon) {
        case ToolIcon::CallNext:  // two chevrons: on to the next one
            gc.SetBrush(wxBrush(kGreen));
            triangle(gc, s * 0.1, s * 0.15, s * 0.42, s * 0.7);
            triangle(gc, s * 0.48, s * 0.15, s * 0.42, s * 0.7);
            break;
        case ToolIcon::Call:  // one triangle: this one
            gc.SetBrush(wxBrush(kBlue));
            triangle(gc, s * 0.25, s * 0.12, s * 0.6, s * 0.76);
            break;
        case ToolIcon::WalkIn:  // a person and a plus
            gc.SetBrush(wxBrush(kInk));
            person(gc, 0, s * 0.08, s * 0.8);
            plus(gc, s * 0.78, s * 0.3, s * 0.2, kGreen);
            break;
        case ToolIcon::RegisterCard:  // a card and a person
            card(gc, 0, s * 0.1, s * 0.75, s * 0.5);
            gc.SetBrush(wxBrush(kBlue));
            person(gc, s * 0.45, s * 0.42, s * 0.55);
            break;
        case ToolIcon::SimulateCard:  // a card and the waves of a reader
            card(gc, s * 0.05, s * 0.35, s * 0.7, s * 0.5);
            gc.SetPen(wxPen(kBlue, std::max(1, static_cast<int>(s / 12))));
            gc.SetBrush(*wxTRANSPARENT_BRUSH);
            for (int i = 1; i <= 2; ++i) {
                wxGraphicsPath arc = gc.CreatePath();
                arc.AddArc(s * 0.6, s * 0.35, s * 0.15 * i, -M_PI / 2, 0, true);
                gc.StrokePath(arc);
            }
            break;
    }
}

}  // namespace

wxBitmap toolIcon(ToolIcon icon, int size) {
    wxImage image(size, size);
    image.InitAlpha();
    std::fill_n(image.GetAlpha(), size * size, static_cast<unsigned char>(0));
    {
        std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(image));
        if (gc) {
            gc->SetAntialiasMode(wxANTIALIAS_DEFAULT);
            draw(*gc, icon, size);
        }
    }  // the context writes into the image when it goes
    return wxBitmap(image);
}

}  // namespace sanad::ui
