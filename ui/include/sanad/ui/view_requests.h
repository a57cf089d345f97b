#pragma once

#include <cstddef>

namespace sanad::ui {

/// The window's view requests: at most one in flight; asks meanwhile are coalesced into one
/// more, sent once the answer is back. A failed answer ends the flight like a shown one (bug 1 of
/// issue 13: a failed view kept its request "in flight" for good). A plain value; one thread.
class ViewRequests {
public:
    /// A fresh view is wanted: true when one is to be sent now.
    bool ask() {
        if (inFlight_) {
            again_ = true;
            return false;
        }
        inFlight_ = true;
        return true;
    }
    /// The answer came, shown or failed: true when asks came meanwhile (ask again now).
    bool answered() {
        inFlight_ = false;
        ++answers_;
        const bool again = again_;
        again_ = false;
        return again;
    }
    /// A new engine: the old one's request will never be answered here.
    void reset() { inFlight_ = again_ = false; }

    bool inFlight() const { return inFlight_; }
    /// Answers so far, shown or failed.
    std::size_t answers() const { return answers_; }

private:
    bool inFlight_ = false;
    bool again_ = false;
    std::size_t answers_ = 0;
};

}  // namespace sanad::ui
