#include <wx/clntdata.h>  // wx before Poco's <windows.h> (MinGW; see action_controls.cpp)

#include "sanad/ui/details_panel.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/status_chip.h"
#include "sanad/ui/texts.h"

#include <wx/statbox.h>

namespace sanad::ui {

DetailsPanel::DetailsPanel(wxWindow* parent, Handlers handlers)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                       wxVSCROLL | wxTAB_TRAVERSAL),
      handlers_(std::move(handlers)) {
    SetScrollRate(0, FromDIP(10));
    empty_ = new wxStaticText(this, wxID_ANY, _("No ticket selected"));
    empty_->SetForegroundColour(wxColour(110, 110, 110));
    body_ = new wxPanel(this);

    number_ = new wxStaticText(body_, wxID_ANY, wxString());
    wxFont big = number_->GetFont();
    big.SetPointSize(big.GetPointSize() * 3);
    big.MakeBold();
    number_->SetFont(big);
    urgentMark_ = new wxStaticText(body_, wxID_ANY, _("Urgent"));
    wxFont bold = urgentMark_->GetFont();
    bold.SetPointSize(bold.GetPointSize() + 2);
    bold.MakeBold();
    urgentMark_->SetFont(bold);
    urgentMark_->SetForegroundColour(wxColour(198, 40, 40));
    status_ = new wxStaticText(body_, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                               wxALIGN_CENTRE_HORIZONTAL | wxST_NO_AUTORESIZE);
    status_->SetFont(bold);

    auto* facts = new wxFlexGridSizer(2, FromDIP(wxSize(10, 4)));
    facts->AddGrowableCol(1);
    waiting_ = value(*facts, _("Waiting time"));
    estimate_ = value(*facts, _("Estimate"));
    patientShown_ = value(*facts, _("Patient"));
    patientIdShown_ = value(*facts, _("Patient ID"));
    noteShown_ = value(*facts, _("Note"));
    historyButton_ = new wxButton(body_, wxID_ANY, _("History …"));
    historyButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (handlers_.history) {
            handlers_.history();
        }
    });

    // The edit fields, in the order Tab walks them.
    auto* box = new wxStaticBoxSizer(wxVERTICAL, body_, _("Change"));
    wxWindow* inBox = box->GetStaticBox();
    urgent_ = new wxCheckBox(inBox, wxID_ANY, _("Urgent"));
    name_ = new wxTextCtrl(inBox, wxID_ANY);
    patientId_ = new wxTextCtrl(inBox, wxID_ANY);
    note_ = new wxTextCtrl(inBox, wxID_ANY, wxString(), wxDefaultPosition, wxSize(-1, FromDIP(56)),
                           wxTE_MULTILINE);
    note_->SetToolTip(
        _("for the desk only, never shown to patients"));  // no hint: wxGTK greys a multiline value
    queue_ = new wxChoice(inBox, wxID_ANY);
    // Not wxID_APPLY: GTK's stock label would win over ours.
    applyButton_ = new wxButton(inBox, wxID_ANY, _("Apply"));
    applyButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { apply(); });
    auto* fields = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
    fields->AddGrowableCol(1);
    const auto field = [&](const wxString& label, wxWindow* control) {
        fields->Add(new wxStaticText(inBox, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        fields->Add(control, 1, wxEXPAND);
    };
    fields->AddSpacer(0);
    fields->Add(urgent_);
    field(_("Name"), name_);
    field(_("Patient ID"), patientId_);
    field(_("Note"), note_);
    field(_("Queue"), queue_);
    box->Add(fields, 0, wxEXPAND | wxALL, 6);
    box->Add(applyButton_, 0, wxALIGN_RIGHT | wxLEFT | wxRIGHT | wxBOTTOM, 6);

    auto* head = new wxBoxSizer(wxHORIZONTAL);
    head->Add(number_, 0, wxALIGN_CENTER_VERTICAL);
    head->AddStretchSpacer();
    head->Add(urgentMark_, 0, wxALIGN_CENTER_VERTICAL);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(head, 0, wxEXPAND | wxBOTTOM, 4);
    sizer->Add(status_, 0, wxEXPAND | wxBOTTOM, 10);
    sizer->Add(facts, 0, wxEXPAND | wxBOTTOM, 8);
    sizer->Add(historyButton_, 0, wxBOTTOM, 12);
    sizer->Add(box, 0, wxEXPAND);
    body_->SetSizer(sizer);

    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->Add(empty_, 0, wxALL, 12);
    outer->Add(body_, 0, wxEXPAND | wxALL, 10);
    SetSizer(outer);
    body_->Hide();
}

wxStaticText* DetailsPanel::value(wxFlexGridSizer& grid, const wxString& label) {
    auto* name = new wxStaticText(body_, wxID_ANY, label);
    name->SetForegroundColour(wxColour(100, 100, 100));
    auto* text = new wxStaticText(body_, wxID_ANY, wxString());
    grid.Add(name, 0, wxALIGN_TOP);
    grid.Add(text, 1, wxEXPAND);
    return text;
}

void DetailsPanel::show(const core::CachedTicket* cached, const std::vector<core::Queue>& queues,
                        core::Timestamp now) {
    if (!cached) {
        ticketId_.reset();
        ticket_.reset();
        if (body_->IsShown()) {
            body_->Hide();
            empty_->Show();
            FitInside();
            Layout();
        }
        return;
    }
    const core::Ticket& t = cached->ticket;
    const bool same = ticketId_ == t.id;
    const bool typing = same && values() != filled_;
    ticketId_ = t.id;
    ticket_ = t;

    number_->SetLabel(fromUtf8(t.number));
    const ChipColours chip = chipColours(t.status);
    status_->SetLabel(statusLabel(t.status));
    status_->SetBackgroundColour(chip.fill);
    status_->SetForegroundColour(chip.text);
    urgentMark_->Show(t.priority == core::Priority::Urgent);
    waiting_->SetLabel(core::hasPosition(t.status) ? ui::waitingText(t.checkedInAt, now) : U8("—"));
    estimate_->SetLabel(t.status == core::TicketStatus::Waiting ? estimateText(t.estimatedWaitMin)
                                                                : wxString());
    patientShown_->SetLabel(t.patient ? fromUtf8(*t.patient) : U8("—"));
    patientIdShown_->SetLabel(t.patientId ? fromUtf8(*t.patientId) : U8("—"));
    noteShown_->SetLabel(t.note ? fromUtf8(*t.note) : U8("—"));
    noteShown_->Wrap(FromDIP(220));
    if (!typing) {
        showQueues(queues, t.queueId);
        fill(t);
    }
    const bool open = core::isOpen(t.status);
    for (wxWindow* w : std::initializer_list<wxWindow*>{urgent_, name_, patientId_, note_, queue_,
                                                        applyButton_}) {
        w->Enable(open);
    }
    queue_->Enable(open && queues.size() > 1);
    if (!body_->IsShown()) {
        empty_->Hide();
        body_->Show();
    }
    body_->Layout();
    FitInside();
    Layout();
}

void DetailsPanel::showQueues(const std::vector<core::Queue>& queues, const std::string& current) {
    if (queues != queues_) {
        queues_ = queues;
        queue_->Clear();
        for (const core::Queue& q : queues_) {
            queue_->Append(fromUtf8(q.name), new wxStringClientData(fromUtf8(q.id)));
        }
    }
    int selection = -1;
    for (std::size_t i = 0; i < queues_.size(); ++i) {
        if (queues_[i].id == current) {
            selection = static_cast<int>(i);
        }
    }
    queue_->SetSelection(selection);
}

void DetailsPanel::fill(const core::Ticket& t) {
    urgent_->SetValue(t.priority == core::Priority::Urgent);
    name_->ChangeValue(t.patient ? fromUtf8(*t.patient) : wxString());
    patientId_->ChangeValue(t.patientId ? fromUtf8(*t.patientId) : wxString());
    note_->ChangeValue(t.note ? fromUtf8(*t.note) : wxString());
    filled_ = values();
}

EditValues DetailsPanel::values() const {
    EditValues v;
    v.urgent = urgent_->GetValue();
    v.note = toUtf8(note_->GetValue());
    v.patient = toUtf8(name_->GetValue());
    v.patientId = toUtf8(patientId_->GetValue());
    const int i = queue_->GetSelection();
    if (i >= 0 && static_cast<std::size_t>(i) < queues_.size()) {
        v.queueId = queues_[static_cast<std::size_t>(i)].id;
    }
    return v;
}

void DetailsPanel::apply() {
    if (!ticket_) {
        return;
    }
    const core::TicketChanges changes = changesFor(*ticket_, values());
    filled_ = values();  // the next refresh shows what the edit made of the ticket
    if (!changes.empty() && handlers_.apply) {
        handlers_.apply(changes);
    }
}

}  // namespace sanad::ui
